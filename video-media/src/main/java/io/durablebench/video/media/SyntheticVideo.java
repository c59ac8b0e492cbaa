package io.durablebench.video.media;

import java.nio.ByteBuffer;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.common.VideoEncoder.EncodedFrame;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;

/**
 * Generates the pipeline's source video: H.264 in MP4, drawn frame by frame from integer
 * arithmetic only, so the same {@link SyntheticVideoSpec} gives byte-identical files on every run
 * and machine. The picture has motion everywhere (a diagonal luma ramp sliding 3 pixels per frame,
 * two chroma ramps drifting in other directions, a bright box bouncing across) so P-frames carry
 * real motion vectors and residuals, and the frame number is drawn in the top-left corner so any
 * frame of any output can be traced back to its source frame by eye.
 */
public final class SyntheticVideo {
    private static final int[] DIGITS = {
            // 3x5 glyphs, one row per 3 bits, top row first
            0b111_101_101_101_111, 0b010_110_010_010_111, 0b111_001_111_100_111, 0b111_001_111_001_111,
            0b101_101_111_001_001, 0b111_100_111_001_111, 0b111_100_111_101_111, 0b111_001_001_001_001,
            0b111_101_111_101_111, 0b111_101_111_001_111};

    private SyntheticVideo() {
    }

    public static byte[] generate(SyntheticVideoSpec spec) {
        H264Encoder encoder = new H264Encoder(new QpRateControl(spec.qp()));
        encoder.setKeyInterval(spec.keyInterval());
        Mp4Writer writer = new Mp4Writer(spec.width(), spec.height(), spec.fps(),
                spec.frameCount() * spec.width() * spec.height() / 8);
        ByteBuffer out = ByteBuffer.allocate(Math.max(1 << 16, spec.width() * spec.height() * 2));
        for (int i = 0; i < spec.frameCount(); i++) {
            Picture picture = frame(spec.width(), spec.height(), i);
            out.clear();
            EncodedFrame encoded = encoder.encodeFrame(picture, out);
            writer.addFrame(encoded.getData(), i, 1, encoded.isKeyFrame());
        }
        return writer.finish();
    }

    /** Frame {@code n} of the pattern, as the encoder takes it. */
    static Picture frame(int width, int height, int n) {
        Picture p = Picture.create(width, height, ColorSpace.YUV420J);
        byte[] y = p.getPlaneData(0);
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                y[row * width + col] = sample(16 + triangle(col + row / 2 + 3 * n, 200));
            }
        }
        int cw = p.getPlaneWidth(1);
        int ch = p.getPlaneHeight(1);
        byte[] u = p.getPlaneData(1);
        byte[] v = p.getPlaneData(2);
        for (int row = 0; row < ch; row++) {
            for (int col = 0; col < cw; col++) {
                u[row * cw + col] = sample(64 + triangle(col + 2 * n, 128));
                v[row * cw + col] = sample(64 + triangle(row * 2 + n, 128));
            }
        }
        int box = Math.max(8, Math.min(width, height) / 6);
        int bx = triangle(5 * n, width - box);
        int by = triangle(3 * n, height - box);
        fill(p, bx, by, box, box, 235);
        drawNumber(p, n, Math.max(1, height / 48));
        return p;
    }

    /** 0, 1, ..., period-1, period, period-1, ..., 1, 0, ... : a ramp that turns back, no jumps. */
    private static int triangle(int x, int period) {
        if (period <= 0) {
            return 0;
        }
        int m = Math.floorMod(x, 2 * period);
        return m <= period ? m : 2 * period - m;
    }

    private static void drawNumber(Picture p, int number, int scale) {
        String text = Integer.toString(number);
        int margin = 2 * scale;
        int glyphW = 3 * scale;
        int glyphH = 5 * scale;
        int boxW = Math.min(p.getWidth(), text.length() * (glyphW + scale) + scale + 2 * margin);
        int boxH = Math.min(p.getHeight(), glyphH + 2 * margin);
        fill(p, 0, 0, boxW, boxH, 16);
        for (int c = 0; c < text.length(); c++) {
            int glyph = DIGITS[text.charAt(c) - '0'];
            int x0 = margin + c * (glyphW + scale);
            for (int gy = 0; gy < 5; gy++) {
                for (int gx = 0; gx < 3; gx++) {
                    if ((glyph >> (14 - (gy * 3 + gx)) & 1) != 0) {
                        fill(p, x0 + gx * scale, margin + gy * scale, scale, scale, 235);
                    }
                }
            }
        }
    }

    /** Fills a luma rectangle (clipped to the picture) with one value. */
    private static void fill(Picture p, int x, int y, int w, int h, int value) {
        byte[] luma = p.getPlaneData(0);
        int width = p.getWidth();
        for (int row = Math.max(0, y); row < Math.min(p.getHeight(), y + h); row++) {
            for (int col = Math.max(0, x); col < Math.min(width, x + w); col++) {
                luma[row * width + col] = sample(value);
            }
        }
    }

    private static byte sample(int value) {
        return (byte) (value - 128);
    }
}
