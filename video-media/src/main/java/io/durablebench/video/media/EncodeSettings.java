package io.durablebench.video.media;

import io.durablebench.model.video.VideoTarget;

/**
 * How a chunk is encoded. JCodec's H.264 encoder (Baseline profile, CAVLC, one slice per picture)
 * offers three knobs, all here: the quantizer, the keyframe interval and the motion search range.
 * It has no bitrate target (its only other rate control caps bits per macroblock), so quality is
 * set by the quantizer. The picture size is ours: frames are rescaled before encoding.
 *
 * @param width             output width in pixels, even, 16..1920
 * @param height            output height in pixels, even, 16..1080
 * @param qp                H.264 quantizer {@value #MIN_QP}..{@value #MAX_QP}: lower is better quality
 *                          and more bytes; a macroblock whose bits would overflow the frame budget is
 *                          re-encoded at a higher quantizer (see {@link QpRateControl})
 * @param keyInterval       an IDR frame every this many frames within a chunk (each chunk starts with one)
 * @param motionSearchRange P-frame motion search range in pixels, 0..64 (0: no motion search)
 */
public record EncodeSettings(int width, int height, int qp, int keyInterval, int motionSearchRange) {
    public static final int MIN_QP = VideoTarget.MIN_QP;
    public static final int MAX_QP = VideoTarget.MAX_QP;
    /** H.264's neutral quantizer (pic_init_qp = 26). */
    public static final int DEFAULT_QP = VideoTarget.DEFAULT_QP;
    /** JCodec's default. */
    public static final int DEFAULT_MOTION_SEARCH_RANGE = 16;

    public EncodeSettings {
        if (width < 16 || width > 1920 || width % 2 != 0 || height < 16 || height > 1080 || height % 2 != 0) {
            throw new IllegalArgumentException(
                    "output size must be even and between 16x16 and 1920x1080, got " + width + "x" + height);
        }
        if (qp < MIN_QP || qp > MAX_QP) {
            throw new IllegalArgumentException("qp must be " + MIN_QP + ".." + MAX_QP + ", got " + qp);
        }
        if (keyInterval < 1 || keyInterval > 10_000) {
            throw new IllegalArgumentException("keyInterval must be 1..10000, got " + keyInterval);
        }
        if (motionSearchRange < 0 || motionSearchRange > 64) {
            throw new IllegalArgumentException("motionSearchRange must be 0..64, got " + motionSearchRange);
        }
    }

    /** The source's size (rounded down to even), the default quantizer, a keyframe every second. */
    public static EncodeSettings forSource(VideoInfo source) {
        return new EncodeSettings(source.width() & ~1, source.height() & ~1, DEFAULT_QP,
                Math.max(1, (int) Math.round(source.framesPerSecond())), DEFAULT_MOTION_SEARCH_RANGE);
    }

    /** A request's target settings, each absent field filled from {@link #forSource(VideoInfo)}. */
    public static EncodeSettings forTarget(VideoInfo source, VideoTarget target) {
        EncodeSettings s = forSource(source);
        return new EncodeSettings(
                target.width() != null ? target.width() : s.width(),
                target.height() != null ? target.height() : s.height(),
                target.qp() != null ? target.qp() : s.qp(),
                target.keyInterval() != null ? target.keyInterval() : s.keyInterval(),
                s.motionSearchRange());
    }

    public EncodeSettings withSize(int newWidth, int newHeight) {
        return new EncodeSettings(newWidth, newHeight, qp, keyInterval, motionSearchRange);
    }

    public EncodeSettings withQp(int newQp) {
        return new EncodeSettings(width, height, newQp, keyInterval, motionSearchRange);
    }

    public EncodeSettings withKeyInterval(int newKeyInterval) {
        return new EncodeSettings(width, height, qp, newKeyInterval, motionSearchRange);
    }
}
