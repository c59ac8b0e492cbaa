package io.durablebench.video.media;

/**
 * The largest input the pipeline accepts. Checked before anything expensive: the byte size before
 * reading, the resolution from the stream's parameter set before allocating frame buffers, the
 * duration from the index before decoding.
 *
 * @param maxBytes           largest input file, in bytes
 * @param maxDurationSeconds longest input, in seconds
 * @param maxWidth           widest picture, in pixels
 * @param maxHeight          tallest picture, in pixels
 */
public record MediaLimits(long maxBytes, double maxDurationSeconds, int maxWidth, int maxHeight) {
    /**
     * 256 MiB, 10 minutes, 1920x1080: what one 1024 MB Lambda can hold in memory as source bytes
     * plus decoded frames, and far above the benchmark's 10 s 320x240 input.
     */
    public static final MediaLimits DEFAULT = new MediaLimits(256L * 1024 * 1024, 600, 1920, 1080);

    public MediaLimits {
        if (maxBytes < 1 || !(maxDurationSeconds > 0) || maxWidth < 16 || maxHeight < 16) {
            throw new IllegalArgumentException("limits must be positive (and at least 16x16 pixels)");
        }
    }
}
