package io.durablebench.video.media;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks an assembled output by decoding every frame of it (with {@link VideoProbe}, so timing
 * and container are checked too): same frame count and the same duration as the source, exactly,
 * and the targeted picture size.
 */
public final class VideoVerifier {
    /** The output is ours, so only the encoder's bounds apply. */
    private static final MediaLimits OUTPUT_LIMITS = new MediaLimits(Long.MAX_VALUE, Double.MAX_VALUE, 1920, 1080);

    private VideoVerifier() {
    }

    public static VideoVerification verify(byte[] output, VideoInfo source, EncodeSettings target) {
        VideoInfo out;
        try {
            out = VideoProbe.probe(output, OUTPUT_LIMITS);
        } catch (InvalidMediaException e) {
            return new VideoVerification(0, 0, 0, 0, 0, output.length,
                    List.of("output is not a valid video (" + e.problem() + "): " + e.getMessage()));
        }
        List<String> mismatches = new ArrayList<>();
        if (out.frameCount() != source.frameCount()) {
            mismatches.add("output has " + out.frameCount() + " frames, the source " + source.frameCount());
        }
        // Compare durations as exact fractions: ticks / timescale.
        if ((long) out.durationTicks() * source.timescale() != (long) source.durationTicks() * out.timescale()) {
            mismatches.add("output lasts " + out.durationSeconds() + " s, the source " + source.durationSeconds() + " s");
        }
        if (out.width() != target.width() || out.height() != target.height()) {
            mismatches.add("output is " + out.width() + "x" + out.height() + ", the target " + target.width() + "x"
                    + target.height());
        }
        return new VideoVerification(out.frameCount(), out.durationSeconds(), out.width(), out.height(),
                out.keyframes().size(), out.sizeBytes(), mismatches);
    }
}
