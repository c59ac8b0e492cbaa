package io.durablebench.conformance.handlers;

import io.durablebench.durable.DurableContext;
import io.durablebench.durable.DurableLogger;
import io.durablebench.durable.testing.InvokeEndpoint;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a vector's handler needs beyond the runtime: to crash the process ({@code process.exit}),
 * to log so that replays are visible, and to remember something across invocations outside the
 * execution (the vectors' "uses DynamoDB to track ..."). State is kept per execution ARN.
 */
public final class CaseProbe {
    private static final long CRASH_WAIT_MS = 20_000;

    private final String caseId;
    private final Map<String, Set<String>> seen = new ConcurrentHashMap<>();

    public CaseProbe(String caseId) {
        this.caseId = caseId;
    }

    /** True the first time {@code key} is asked for in this execution, false ever after. */
    public boolean firstTime(DurableContext ctx, String key) {
        return seen.computeIfAbsent(ctx.getExecutionArn(), a -> ConcurrentHashMap.newKeySet()).add(key);
    }

    /**
     * Plays the Lambda process dying here ({@code process.exit}): once the service has acknowledged
     * {@code acknowledgedUpdates} operation updates of this invocation (so what the vector says was
     * checkpointed before the crash really was), throws {@link InvokeEndpoint.RuntimeExit}; the runtime
     * lets it end the invocation and the endpoint answers {@code Runtime.ExitError} like Lambda.
     */
    public InvokeEndpoint.RuntimeExit crash(DurableContext ctx, long acknowledgedUpdates) {
        long deadline = System.currentTimeMillis() + CRASH_WAIT_MS;
        while (ctx.getInvocationMetrics().operationUpdates() < acknowledgedUpdates) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(caseId + ": the service acknowledged only "
                        + ctx.getInvocationMetrics().operationUpdates() + " of the " + acknowledgedUpdates
                        + " updates that must precede the simulated crash");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new InvokeEndpoint.RuntimeExit("process.exit(1) in " + caseId);
    }

    /**
     * A durable logger with "replay logging enabled": it records every message into the execution's
     * log, also while the invocation replays. The runtime's own context logger stays silent during
     * replay and has no switch for this; the vectors that ask for it use it to see whether code
     * re-ran, which this logger shows the same way.
     */
    public DurableLogger replayVisibleLogger(DurableContext ctx) {
        String arn = ctx.getExecutionArn();
        return (level, message) -> LogCapture.record(arn, level.name(), message);
    }
}
