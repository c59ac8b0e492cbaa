package io.durablebench.video.media;

import java.util.ArrayList;
import java.util.List;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;

/** Small generated videos shared by the tests (each generated once per JVM), and a frame decoder. */
final class TestVideos {
    /** 2 s of 160x120 at 24 fps, a keyframe every second: 48 frames, keyframes 0 and 24. */
    static final SyntheticVideoSpec SMALL = SyntheticVideoSpec.seconds(2, 160, 120, 24);

    private static byte[] small;
    private static VideoInfo smallInfo;

    private TestVideos() {
    }

    static synchronized byte[] small() {
        if (small == null) {
            small = SyntheticVideo.generate(SMALL);
        }
        return small.clone();
    }

    static synchronized VideoInfo smallInfo() {
        if (smallInfo == null) {
            smallInfo = VideoProbe.probe(small(), MediaLimits.DEFAULT);
        }
        return smallInfo;
    }

    /** The luma plane of every frame, visible area only, as unsigned samples. */
    static List<int[]> decodeLuma(byte[] mp4) {
        Mp4Reader reader = Mp4Reader.open(mp4);
        H264FrameDecoder decoder = new H264FrameDecoder(reader);
        List<int[]> frames = new ArrayList<>();
        Packet p;
        while ((p = reader.next()) != null) {
            Picture pic = decoder.decode(p, frames.size());
            frames.add(luma(pic));
        }
        return frames;
    }

    static int[] luma(Picture pic) {
        int w = pic.getCroppedWidth();
        int h = pic.getCroppedHeight();
        int x0 = pic.getCrop() == null ? 0 : pic.getCrop().getX();
        int y0 = pic.getCrop() == null ? 0 : pic.getCrop().getY();
        int stride = pic.getPlaneWidth(0);
        byte[] y = pic.getPlaneData(0);
        int[] out = new int[w * h];
        for (int row = 0; row < h; row++) {
            for (int col = 0; col < w; col++) {
                out[row * w + col] = y[(y0 + row) * stride + x0 + col] + 128;
            }
        }
        return out;
    }

    /** Peak signal-to-noise ratio of two equally sized 8-bit planes, in dB (infinite when equal). */
    static double psnr(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("planes differ in size: " + a.length + " vs " + b.length);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        double mse = sum / a.length;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255 * 255 / mse);
    }
}
