package io.durablebench.video.media;

import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Rect;

/**
 * Turns a decoded picture (4:2:0, coded size in whole macroblocks, possibly cropped) into the
 * encoder's input at the target size: a plain copy of the visible area when the size is unchanged,
 * else bilinear resampling of each plane in integer arithmetic (so results are the same on every
 * JVM). JCodec stores 8-bit samples as signed bytes (sample - 128).
 *
 * <p>The result is labelled YUV420J, the only color space JCodec's encoder takes. The decoder
 * labels its output YUV420; the two differ only in the nominal value range, which the Baseline
 * stream JCodec writes does not signal, so sample values pass through unchanged.
 */
final class PictureScaler {
    private PictureScaler() {
    }

    static Picture toEncoderInput(Picture decoded, int width, int height) {
        Rect crop = decoded.getCrop();
        int cropX = crop == null ? 0 : crop.getX();
        int cropY = crop == null ? 0 : crop.getY();
        int srcW = decoded.getCroppedWidth();
        int srcH = decoded.getCroppedHeight();
        Picture out = Picture.create(width, height, ColorSpace.YUV420J);
        for (int plane = 0; plane < 3; plane++) {
            int shift = plane == 0 ? 0 : 1;
            resample(decoded.getPlaneData(plane), decoded.getPlaneWidth(plane), cropX >> shift, cropY >> shift,
                    (srcW + shift) >> shift, (srcH + shift) >> shift,
                    out.getPlaneData(plane), out.getPlaneWidth(plane), out.getPlaneHeight(plane));
        }
        return out;
    }

    private static void resample(byte[] src, int srcStride, int srcX, int srcY, int srcW, int srcH,
                                 byte[] dst, int dstW, int dstH) {
        if (srcW == dstW && srcH == dstH) {
            for (int y = 0; y < dstH; y++) {
                System.arraycopy(src, (srcY + y) * srcStride + srcX, dst, y * dstW, dstW);
            }
            return;
        }
        // Map destination pixel centres onto the source in 16.16 fixed point.
        long stepX = ((long) srcW << 16) / dstW;
        long stepY = ((long) srcH << 16) / dstH;
        for (int y = 0; y < dstH; y++) {
            long fy = Math.max(0, (y * stepY) + (stepY >> 1) - (1 << 15));
            int y0 = (int) Math.min(srcH - 1, fy >> 16);
            int y1 = Math.min(srcH - 1, y0 + 1);
            int wy = (int) (fy & 0xffff);
            int row0 = (srcY + y0) * srcStride + srcX;
            int row1 = (srcY + y1) * srcStride + srcX;
            for (int x = 0; x < dstW; x++) {
                long fx = Math.max(0, (x * stepX) + (stepX >> 1) - (1 << 15));
                int x0 = (int) Math.min(srcW - 1, fx >> 16);
                int x1 = Math.min(srcW - 1, x0 + 1);
                int wx = (int) (fx & 0xffff);
                long top = (src[row0 + x0] + 128L) * (65536 - wx) + (src[row0 + x1] + 128L) * wx;
                long bottom = (src[row1 + x0] + 128L) * (65536 - wx) + (src[row1 + x1] + 128L) * wx;
                long value = (top * (65536 - wy) + bottom * wy + (1L << 31)) >> 32;
                dst[y * dstW + x] = (byte) (Math.min(255, Math.max(0, value)) - 128);
            }
        }
    }
}
