package io.durablebench.video.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.durablebench.video.media.InvalidMediaException.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jcodec.common.AudioFormat;
import org.jcodec.common.Codec;
import org.jcodec.common.MuxerTrack;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Size;
import org.jcodec.containers.mp4.muxer.MP4Muxer;
import org.jcodec.containers.mp4.muxer.PCMMP4MuxerTrack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input gets its own problem and a sentence naming it, never a JCodec stack trace. */
class VideoProbeTest {

    @Test
    void probesAFileLikeItsBytes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("source.mp4");
        Files.write(file, TestVideos.small());
        assertThat(VideoProbe.probe(file, MediaLimits.DEFAULT)).isEqualTo(TestVideos.smallInfo());
    }

    @Test
    void empty() {
        assertRejected(new byte[0], Problem.EMPTY, "empty (0 bytes)");
    }

    @Test
    void textIsNotAnMp4() {
        assertRejected("this is a text file, not a video\n".getBytes(StandardCharsets.UTF_8), Problem.NOT_MP4,
                "not an MP4 file");
    }

    @Test
    void pngIsNotAnMp4() {
        byte[] png = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 200);
        assertRejected(png, Problem.NOT_MP4, "does not start with a box header (first bytes 89504e470d0a1a0a)");
    }

    @Test
    void randomBytesAreNotAnMp4() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        assertRejected(noise, Problem.NOT_MP4, "not an MP4 file");
    }

    @Test
    void anMp4ThatDoesNotStartWithFtypIsRefused() {
        byte[] video = TestVideos.small();
        byte[] shifted = new byte[video.length + 8];
        ByteBuffer.wrap(shifted).putInt(8).put("free".getBytes(StandardCharsets.US_ASCII)).put(video);
        assertRejected(shifted, Problem.NOT_MP4, "must start with an 'ftyp' box, but starts with 'free'");
    }

    @Test
    void truncatedInTheFrames() {
        byte[] video = TestVideos.small();
        assertRejected(Arrays.copyOf(video, video.length / 2), Problem.TRUNCATED,
                "box 'mdat' at offset 40 declares");
    }

    @Test
    void truncatedByOneByte() {
        byte[] video = TestVideos.small();
        assertRejected(Arrays.copyOf(video, video.length - 1), Problem.TRUNCATED, "box 'moov'");
    }

    @Test
    void withoutItsIndex() {
        byte[] video = TestVideos.small();
        long moov = Mp4Boxes.checkTopLevel(video).stream().filter(b -> b.type().equals("moov")).findFirst()
                .orElseThrow().offset();
        assertRejected(Arrays.copyOf(video, (int) moov), Problem.TRUNCATED, "has no 'moov' box");
    }

    @Test
    void damagedIndex() {
        byte[] video = TestVideos.small();
        // The sample-size table says how long each frame is; claim a frame far larger than the file.
        int stsz = lastIndexOf(video, "stsz");
        ByteBuffer.wrap(video).putInt(stsz + 16, 0x7fff_0000);
        InvalidMediaException e = rejected(video, MediaLimits.DEFAULT);
        assertThat(e.problem()).isEqualTo(Problem.CORRUPT);
        assertThat(e.getMessage()).startsWith("frame 0 ");
    }

    @Test
    void damagedFrame() {
        byte[] video = TestVideos.small();
        // Overwrite the middle of the first keyframe's slice data in 'mdat'.
        Arrays.fill(video, 200, 600, (byte) 0xff);
        InvalidMediaException e = rejected(video, MediaLimits.DEFAULT);
        assertThat(e.problem()).isEqualTo(Problem.CORRUPT);
        assertThat(e.getMessage()).startsWith("H.264 frame 0 cannot be decoded");
    }

    @Test
    void wrongCodec() throws IOException {
        MemoryChannel out = MemoryChannel.writing(0);
        MP4Muxer muxer = MP4Muxer.createMP4MuxerToChannel(out);
        MuxerTrack track = muxer.addVideoTrack(Codec.JPEG,
                VideoCodecMeta.createSimpleVideoCodecMeta(new Size(160, 120), ColorSpace.YUV420J));
        for (int i = 0; i < 3; i++) {
            track.addFrame(Packet.createPacket(ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2}), i, 24, 1, i,
                    Packet.FrameType.KEY, null));
        }
        muxer.finish();
        assertRejected(out.toByteArray(), Problem.WRONG_CODEC, "video codec is 'mjpg'; only H.264 ('avc1') is supported");
    }

    @Test
    void audioOnly() throws IOException {
        MemoryChannel out = MemoryChannel.writing(0);
        MP4Muxer muxer = MP4Muxer.createMP4MuxerToChannel(out);
        PCMMP4MuxerTrack track = muxer.addPCMAudioTrack(AudioFormat.STEREO_48K_S16_LE);
        track.addSamples(ByteBuffer.allocate(48_000 * 4));
        muxer.finish();
        assertRejected(out.toByteArray(), Problem.NO_VIDEO_TRACK, "MP4 has no video track (tracks: ['soun'])");
    }

    @Test
    void largerThanTheLimit() {
        byte[] video = TestVideos.small();
        InvalidMediaException e = rejected(video, new MediaLimits(video.length - 1, 600, 1920, 1080));
        assertThat(e.problem()).isEqualTo(Problem.TOO_LARGE);
        assertThat(e.getMessage()).isEqualTo("input is " + video.length + " bytes, more than the limit of " + (video.length - 1));
        assertThat(VideoProbe.probe(video, new MediaLimits(video.length, 600, 1920, 1080)).frameCount()).isEqualTo(48);
    }

    @Test
    void largerThanTheLimitIsRefusedBeforeReadingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.bin");
        Files.write(file, new byte[1000]); // not even an MP4: the size check comes first
        InvalidMediaException e = catchThrowableOfType(InvalidMediaException.class,
                () -> VideoProbe.probe(file, new MediaLimits(999, 600, 1920, 1080)));
        assertThat(e.problem()).isEqualTo(Problem.TOO_LARGE);
    }

    @Test
    void longerThanTheLimit() {
        InvalidMediaException e = rejected(TestVideos.small(), new MediaLimits(1 << 30, 1.5, 1920, 1080));
        assertThat(e.problem()).isEqualTo(Problem.TOO_LONG);
        assertThat(e.getMessage()).isEqualTo("duration 2.000 s exceeds the limit of 1.500 s");
    }

    @Test
    void widerOrTallerThanTheLimit() {
        InvalidMediaException wide = rejected(TestVideos.small(), new MediaLimits(1 << 30, 600, 159, 1080));
        assertThat(wide.problem()).isEqualTo(Problem.RESOLUTION_TOO_HIGH);
        assertThat(wide.getMessage()).isEqualTo("resolution 160x120 exceeds the limit of 159x1080");
        InvalidMediaException tall = rejected(TestVideos.small(), new MediaLimits(1 << 30, 600, 1920, 119));
        assertThat(tall.problem()).isEqualTo(Problem.RESOLUTION_TOO_HIGH);
    }

    @Test
    void variableFrameRate() {
        byte[] video = remux(TestVideos.small(), (i, p) -> i == 5 ? 2 : 1, false);
        assertRejected(video, Problem.UNSUPPORTED, "variable frame rate is not supported: frame 5 lasts 2 ticks");
    }

    @Test
    void firstFrameNotMarkedAsKeyframe() {
        byte[] video = remux(TestVideos.small(), (i, p) -> 1, true);
        assertRejected(video, Problem.CORRUPT, "the first frame is not a keyframe");
    }

    private interface Durations {
        long of(int frame, Packet p);
    }

    /** The frames of {@code mp4} written again with other durations, or with frame 0 not marked as a keyframe. */
    private static byte[] remux(byte[] mp4, Durations durations, boolean unmarkFirstKeyframe) {
        Mp4Reader reader = Mp4Reader.open(mp4);
        Mp4Writer writer = new Mp4Writer(reader.width(), reader.height(), reader.timescale(), mp4.length);
        long pts = 0;
        Packet p;
        for (int i = 0; (p = reader.next()) != null; i++) {
            long d = durations.of(i, p);
            writer.addFrame(p.getData(), pts, d, p.isKeyFrame() && !(i == 0 && unmarkFirstKeyframe));
            pts += d;
        }
        return writer.finish();
    }

    private static void assertRejected(byte[] input, Problem problem, String messagePart) {
        InvalidMediaException e = rejected(input, MediaLimits.DEFAULT);
        assertThat(e.problem()).as(e.getMessage()).isEqualTo(problem);
        assertThat(e.getMessage()).contains(messagePart);
    }

    private static InvalidMediaException rejected(byte[] input, MediaLimits limits) {
        InvalidMediaException e = catchThrowableOfType(InvalidMediaException.class, () -> VideoProbe.probe(input, limits));
        assertThat(e).as("probe must refuse this input").isNotNull();
        // An answer to the caller: a sentence, no stack trace, no JCodec internals.
        assertThat(e.getStackTrace()).isEmpty();
        assertThat(e.getCause()).isNull();
        assertThat(e.getMessage()).doesNotContain("org.jcodec").doesNotContain("\n");
        return e;
    }

    private static int lastIndexOf(byte[] data, String fourcc) {
        byte[] f = fourcc.getBytes(StandardCharsets.US_ASCII);
        for (int i = data.length - 4; i >= 0; i--) {
            if (data[i] == f[0] && data[i + 1] == f[1] && data[i + 2] == f[2] && data[i + 3] == f[3]) {
                return i;
            }
        }
        throw new AssertionError(fourcc + " not found");
    }

    @SuppressWarnings("unused")
    private static final List<Problem> EVERY_PROBLEM_IS_TESTED_ABOVE_EXCEPT_UNSUPPORTED_TRACK_KINDS = List.of(Problem.values());
}
