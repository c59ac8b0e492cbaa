package io.durablebench.support;

import io.durablebench.model.json.StrictJson;
import io.durablebench.model.metrics.DurableMetrics;
import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.model.metrics.StoreMetrics;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A function instance's SnapStart priming: a CRaC resource whose {@code beforeCheckpoint} runs
 * before Lambda takes the snapshot of an initialized instance (at publish time), so the snapshot
 * holds what the first invocation would otherwise make: the instance's clients (each primed with a
 * request stopped before sending, {@link io.durablebench.model.aws.PrimingRequests}), the JSON
 * reader and writer, and the default TLS context. Nothing is sent and no state is written.
 *
 * <p>Registered with {@link Core#getGlobalContext()}: on Lambda that hands the hook to the Java
 * runtime's own CRaC context, which runs it when the function has SnapStart on; on a JVM without
 * CRaC (the local Lambda, tests, Lambda without SnapStart) registration does nothing and the
 * instance makes its resources on first use, as before. The owner must keep this object reachable
 * (CRaC contexts hold resources weakly): the handlers keep it in a field.
 */
public final class SnapshotPriming implements Resource {
    private final Runnable prime;
    private volatile boolean primed;

    private SnapshotPriming(Runnable prime) {
        this.prime = prime;
    }

    /** A priming registered with the global CRaC context. */
    public static SnapshotPriming register(Runnable prime) {
        SnapshotPriming p = new SnapshotPriming(prime);
        Core.getGlobalContext().register(p);
        return p;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        primeCommon();
        prime.run();
        primed = true;
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to renew: priming opens no connection and caches no credentials of its own
    }

    /** Whether {@link #beforeCheckpoint} has run. */
    public boolean primed() {
        return primed;
    }

    /** What every function's first invocation uses: the strict JSON reader and writer, the metrics every answer carries, TLS. */
    private static void primeCommon() {
        StrictJson.writeBytes(StrictJson.parse("{\"priming\":[1,2.5,\"text\",true,null,{\"nested\":{}}]}"));
        StrictJson.writeBytes(Map.of("priming", List.of(1L, "text")));
        StrictJson.writeBytes(new InvocationMetrics("priming", "priming", 0, StoreMetrics.NONE, StoreMetrics.NONE,
                DurableMetrics.NONE));
        try {
            SSLContext.getDefault().createSSLEngine(); // loads the trust store and the TLS provider
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }
}
