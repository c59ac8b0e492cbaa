package io.durablebench.video.media;

/**
 * Parameters of a generated test video. The same parameters always give the same bytes.
 *
 * @param width       pixels, even, 16..1920
 * @param height      pixels, even, 16..1080
 * @param fps         frames per second, 1..120 (the MP4 timescale is fps, each frame lasts 1 tick)
 * @param frameCount  frames, at least 1
 * @param keyInterval a keyframe (IDR) every this many frames, at least 1
 * @param qp          H.264 quantizer of the encode (see {@link EncodeSettings#qp()})
 */
public record SyntheticVideoSpec(int width, int height, int fps, int frameCount, int keyInterval, int qp) {
    /** The benchmark's source: 10 s of 320x240 at 24 fps, a keyframe every second. */
    public static final SyntheticVideoSpec BENCHMARK = seconds(10, 320, 240, 24);

    public SyntheticVideoSpec {
        if (width < 16 || width > 1920 || width % 2 != 0 || height < 16 || height > 1080 || height % 2 != 0) {
            throw new IllegalArgumentException("size must be even and between 16x16 and 1920x1080, got " + width + "x" + height);
        }
        if (fps < 1 || fps > 120) {
            throw new IllegalArgumentException("fps must be 1..120, got " + fps);
        }
        if (frameCount < 1) {
            throw new IllegalArgumentException("frameCount must be at least 1, got " + frameCount);
        }
        if (keyInterval < 1) {
            throw new IllegalArgumentException("keyInterval must be at least 1, got " + keyInterval);
        }
        if (qp < EncodeSettings.MIN_QP || qp > EncodeSettings.MAX_QP) {
            throw new IllegalArgumentException("qp must be " + EncodeSettings.MIN_QP + ".." + EncodeSettings.MAX_QP + ", got " + qp);
        }
    }

    /** {@code seconds} of video with a keyframe every second and the default quantizer. */
    public static SyntheticVideoSpec seconds(int seconds, int width, int height, int fps) {
        return new SyntheticVideoSpec(width, height, fps, seconds * fps, fps, EncodeSettings.DEFAULT_QP);
    }

    public double durationSeconds() {
        return (double) frameCount / fps;
    }
}
