package io.durablebench.video.media;

import java.util.List;

/**
 * What decoding an output showed, and how it differs from what was expected.
 *
 * @param frameCount      frames decoded from the output
 * @param durationSeconds the output's duration
 * @param width           its width in pixels
 * @param height          its height in pixels
 * @param keyframes       its keyframe count
 * @param sizeBytes       its size
 * @param mismatches      every way it differs from the source and target, in words; empty when it matches
 */
public record VideoVerification(int frameCount, double durationSeconds, int width, int height, int keyframes,
                                long sizeBytes, List<String> mismatches) {
    public VideoVerification {
        mismatches = List.copyOf(mismatches);
    }

    public boolean ok() {
        return mismatches.isEmpty();
    }
}
