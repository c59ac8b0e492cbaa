package io.durablebench.video.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticVideoTest {

    @Test
    void generatedVideoProbesAsRequested() {
        VideoInfo info = TestVideos.smallInfo();
        // every field: mp4, h264, 160x120, 1/24 s per frame, 48 frames, a keyframe every second, its size
        assertThat(info).isEqualTo(new VideoInfo("mp4", "h264", 160, 120, 24, 1, 48, List.of(0, 24),
                TestVideos.small().length));
        assertThat(info.durationSeconds()).isEqualTo(2.0);
        assertThat(info.framesPerSecond()).isEqualTo(24.0);
    }

    @Test
    void sameParametersGiveIdenticalBytesAndOtherParametersDoNot() {
        byte[] first = SyntheticVideo.generate(TestVideos.SMALL);
        byte[] second = SyntheticVideo.generate(TestVideos.SMALL);
        assertThat(second).isEqualTo(first);
        byte[] otherQp = SyntheticVideo.generate(new SyntheticVideoSpec(160, 120, 24, 48, 24, 30));
        assertThat(otherQp).isNotEqualTo(first);
        byte[] shorter = SyntheticVideo.generate(new SyntheticVideoSpec(160, 120, 24, 47, 24, 26));
        assertThat(shorter).isNotEqualTo(first);
    }

    @Test
    void headersCarryNoWallClockTime() {
        byte[] video = TestVideos.small();
        long moov = Mp4Boxes.checkTopLevel(video).stream().filter(b -> b.type().equals("moov")).findFirst()
                .orElseThrow().offset();
        for (String box : List.of("mvhd", "tkhd", "mdhd")) {
            int at = indexOf(video, box, (int) moov);
            assertThat(at).as(box).isPositive();
            // version+flags (4 bytes) then creation and modification time, 32-bit each in version 0
            assertThat(video[at + 4]).as(box + " version").isZero();
            for (int i = at + 8; i < at + 16; i++) {
                assertThat(video[i]).as(box + " time byte " + (i - at - 8)).isZero();
            }
        }
    }

    @Test
    void encoderEmitsPFramesBetweenKeyframes() {
        // JCodec's H264Encoder codes P-frames (P16x16 macroblocks with motion search) after each IDR.
        VideoInfo info = VideoProbe.probe(SyntheticVideo.generate(new SyntheticVideoSpec(160, 120, 24, 30, 10, 26)),
                MediaLimits.DEFAULT);
        assertThat(info.keyframes()).containsExactly(0, 10, 20);
    }

    @Test
    void framesShowTheDrawnPatternAndDifferFromEachOther() {
        List<int[]> decoded = TestVideos.decodeLuma(TestVideos.small());
        assertThat(decoded).hasSize(48);
        for (int n : new int[] {0, 1, 23, 24, 47}) {
            int[] drawn = TestVideos.luma(SyntheticVideo.frame(160, 120, n));
            assertThat(TestVideos.psnr(decoded.get(n), drawn)).as("frame %d", n).isGreaterThan(30);
        }
        assertThat(TestVideos.psnr(decoded.get(10), TestVideos.luma(SyntheticVideo.frame(160, 120, 11))))
                .isLessThan(25);
    }

    @Test
    void rejectsImpossibleParameters() {
        assertThatThrownBy(() -> new SyntheticVideoSpec(161, 120, 24, 48, 24, 26)).hasMessageContaining("even");
        assertThatThrownBy(() -> new SyntheticVideoSpec(160, 120, 0, 48, 24, 26)).hasMessageContaining("fps");
        assertThatThrownBy(() -> new SyntheticVideoSpec(160, 120, 24, 0, 24, 26)).hasMessageContaining("frameCount");
        assertThatThrownBy(() -> new SyntheticVideoSpec(160, 120, 24, 48, 24, 52)).hasMessageContaining("qp");
    }

    private static int indexOf(byte[] data, String fourcc, int from) {
        byte[] f = fourcc.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = from; i + 4 <= data.length; i++) {
            for (int j = 0; j < 4; j++) {
                if (data[i + j] != f[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
