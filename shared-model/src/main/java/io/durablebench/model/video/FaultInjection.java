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
 *                                chunk i fails is a function of (seed, jobId, i, a) only; default 0
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

    static FaultInjection fromJson(JsonNode node, String path) {
        JsonFields f = JsonFields.object(node, path, FIELDS);
        double probability = f.optionalNumber("chunkFailureProbability", 0, 1).orElse(0.0);
        long seed = f.optionalLong("seed", Long.MIN_VALUE, Long.MAX_VALUE).orElse(0L);
        CrashPoint crash = WireEnums.optional(f, "crashPoint", CrashPoint.wireNames(), CrashPoint::fromWireName);
        return new FaultInjection(probability, seed, crash);
    }
}
