package io.durablebench.video.media;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;

/**
 * Writes sample files for checking our MP4s with an independent tool (ffprobe/ffmpeg): the
 * benchmark source, two pipeline outputs, and for each the frames as JCodec decodes them, as raw
 * yuv420p. If another decoder's raw output is byte-identical, the streams are standard H.264 that
 * any player decodes to exactly the pictures our verification saw. See README.md for the commands.
 *
 * <pre>java -cp ... io.durablebench.video.media.CrossCheckSamples OUTPUT_DIR</pre>
 */
public final class CrossCheckSamples {
    private CrossCheckSamples() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/cross-check"));
        byte[] source = SyntheticVideo.generate(SyntheticVideoSpec.BENCHMARK);
        VideoInfo info = VideoProbe.probe(source, MediaLimits.DEFAULT);
        write(dir, "source", source);
        write(dir, "out10", pipeline(source, info, 10, EncodeSettings.forSource(info)));
        write(dir, "out7-160x120", pipeline(source, info, 7, EncodeSettings.forSource(info).withSize(160, 120).withQp(30)));
        System.out.println("wrote source, out10 and out7-160x120 (.mp4 and .jcodec.yuv) to " + dir.toAbsolutePath());
    }

    private static byte[] pipeline(byte[] source, VideoInfo info, int chunks, EncodeSettings settings) {
        List<byte[]> encoded = new ArrayList<>();
        for (ChunkPlan c : ChunkPlanner.byCount(info, chunks)) {
            encoded.add(ChunkTranscoder.transcode(source, c, settings).mp4());
        }
        byte[] output = ChunkAssembler.assemble(encoded);
        VideoVerification v = VideoVerifier.verify(output, info, settings);
        if (!v.ok()) {
            throw new IllegalStateException("verification failed: " + v.mismatches());
        }
        return output;
    }

    private static void write(Path dir, String name, byte[] mp4) throws IOException {
        Files.write(dir.resolve(name + ".mp4"), mp4);
        Mp4Reader reader = Mp4Reader.open(mp4);
        H264FrameDecoder decoder = new H264FrameDecoder(reader);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(name + ".jcodec.yuv")))) {
            Packet p;
            for (int i = 0; (p = reader.next()) != null; i++) {
                Picture pic = decoder.decode(p, i);
                int x0 = pic.getCrop() == null ? 0 : pic.getCrop().getX();
                int y0 = pic.getCrop() == null ? 0 : pic.getCrop().getY();
                for (int plane = 0; plane < 3; plane++) {
                    int shift = plane == 0 ? 0 : 1;
                    int stride = pic.getPlaneWidth(plane);
                    byte[] data = pic.getPlaneData(plane);
                    for (int y = 0; y < pic.getCroppedHeight() >> shift; y++) {
                        for (int x = 0; x < pic.getCroppedWidth() >> shift; x++) {
                            out.write(data[((y0 >> shift) + y) * stride + (x0 >> shift) + x] + 128);
                        }
                    }
                }
            }
        }
    }
}
