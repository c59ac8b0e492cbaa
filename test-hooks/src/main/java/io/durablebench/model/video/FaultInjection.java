package io.durablebench.model.video;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.json.JsonFields;
import java.util.Set;

/**
 * Failures a video function injects into its own run, so that recovery can be measured. Both
 * video functions read the same fields and inject the same failures at the same places.
 *
 * @param chunkFailureProbability chance, 0..1, that one attempt to encode a chunk fails with a
 *                                transient error after doing its work (and is then retried); default 0
 * @param seed                    makes the injected failures reproducible: whether attempt a of
 *                                chunk i fails is a function of (seed, jobId, i, a) only, see
 *                                {@link #chunkAttemptFails}; default 0
 * @param crashPoint              where the function crashes (ends its invocation abruptly, as a
 *                                process kill would), the first time it reaches that point for this
 *                                job; absent: no crash
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultInjection(double chunkFailureProbability, long seed, CrashPoint crashPoint) {
    public static final FaultInjection NONE = new FaultInjection(0, 0, null);
    private static final Set<String> FIELDS = Set.of("chunkFailureProbability", "seed", "crashPoint");

    public FaultInjection {
        if (!(chunkFailureProbability >= 0 && chunkFailureProbability <= 1)) {
            throw new IllegalArgumentException("chunkFailureProbability must be 0..1, got " + chunkFailureProbability);
        }
    }

    /**
     * Whether encode attempt {@code attempt} (from 1) of chunk {@code chunkIndex} of job {@code jobId}
     * is to fail. Both video functions call this, so they inject exactly the same failures; it depends
     * only on its arguments and the seed (no shared random state), so it gives the same answer on
     * every thread, invocation and replay.
     */
    public boolean chunkAttemptFails(String jobId, int chunkIndex, int attempt) {
        if (chunkFailureProbability <= 0) {
            return false;
        }
        if (chunkFailureProbability >= 1) {
            return true;
        }
        long h = mix(seed ^ fnv1a(jobId));
        h = mix(h ^ chunkIndex);
        h = mix(h ^ ((long) attempt << 32));
        double uniform = (h >>> 11) * 0x1.0p-53; // 53 random bits in [0, 1)
        return uniform < chunkFailureProbability;
    }

    /** FNV-1a over the UTF-8 bytes: a stable hash (unlike hashCode, fixed by no JVM detail). */
    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finalizer: spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public static FaultInjection fromJson(JsonNode node, String path) {
        JsonFields f = JsonFields.object(node, path, FIELDS);
        double probability = f.optionalNumber("chunkFailureProbability", 0, 1).orElse(0.0);
        long seed = f.optionalLong("seed", Long.MIN_VALUE, Long.MAX_VALUE).orElse(0L);
        CrashPoint crash = WireEnums.optional(f, "crashPoint", CrashPoint.wireNames(), CrashPoint::fromWireName);
        return new FaultInjection(probability, seed, crash);
    }
}
