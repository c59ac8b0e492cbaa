package io.durablebench.video.testbed;

import io.durablebench.video.media.SyntheticVideo;
import io.durablebench.video.media.SyntheticVideoSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jcodec.common.Codec;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Size;
import org.jcodec.containers.mp4.muxer.MP4Muxer;
import org.jcodec.common.MuxerTrack;
import org.jcodec.common.VideoCodecMeta;

/** Sources for the video tests: generated once per JVM, and broken variants of them. */
public final class TestVideos {
    /** The benchmark source: 10 s of 320x240 at 24 fps, a keyframe every second (240 frames). */
    public static final SyntheticVideoSpec BENCHMARK = SyntheticVideoSpec.BENCHMARK;
    /** Small and quick: 2 s of 96x64 at 12 fps, a keyframe every second (24 frames). */
    public static final SyntheticVideoSpec SMALL = SyntheticVideoSpec.seconds(2, 96, 64, 12);

    private static final Map<SyntheticVideoSpec, byte[]> CACHE = new ConcurrentHashMap<>();

    private TestVideos() {
    }

    public static byte[] of(SyntheticVideoSpec spec) {
        return CACHE.computeIfAbsent(spec, SyntheticVideo::generate).clone();
    }

    /** The small video cut short: the end of its frames and its index are missing. */
    public static byte[] truncated() {
        byte[] v = of(SMALL);
        return Arrays.copyOf(v, v.length / 2);
    }

    /** The small video with the first keyframe's slice data overwritten. */
    public static byte[] corrupt() {
        byte[] v = of(SMALL);
        Arrays.fill(v, 200, 600, (byte) 0xff);
        return v;
    }

    /** An MP4 whose video track is Motion JPEG, not H.264. */
    public static byte[] wrongCodec() {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        try (ByteBufferSeekableByteChannel out = ByteBufferSeekableByteChannel.writeToByteBuffer(buffer)) {
            MP4Muxer muxer = MP4Muxer.createMP4MuxerToChannel(out);
            MuxerTrack track = muxer.addVideoTrack(Codec.JPEG,
                    VideoCodecMeta.createSimpleVideoCodecMeta(new Size(96, 64), ColorSpace.YUV420J));
            for (int i = 0; i < 3; i++) {
                track.addFrame(Packet.createPacket(ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2}), i, 12, 1,
                        i, Packet.FrameType.KEY, null));
            }
            muxer.finish();
            return Arrays.copyOf(buffer.array(), (int) out.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Not a video at all. */
    public static byte[] text() {
        return "this is not a video\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** {@code size} bytes of junk (for size limits, which are checked before the bytes are read). */
    public static byte[] junk(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        for (int i = 0; i < size; i++) {
            out.write(i * 31 + 7);
        }
        return out.toByteArray();
    }
}
