package io.durablebench.video.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole media path on real files: plan, transcode every chunk, assemble, verify by decoding. */
class PipelineTest {

    @Test
    void chunksOnKeyframesMakeAVideoEqualToTheSourceInFramesAndDuration() {
        byte[] output = run(TestVideos.small(), 2, EncodeSettings.forSource(TestVideos.smallInfo()));
        VideoVerification v = VideoVerifier.verify(output, TestVideos.smallInfo(),
                EncodeSettings.forSource(TestVideos.smallInfo()));
        assertThat(v.mismatches()).isEmpty();
        assertThat(v.frameCount()).isEqualTo(48);
        assertThat(v.durationSeconds()).isEqualTo(2.0);
        assertThat(v.width()).isEqualTo(160);
        assertThat(v.height()).isEqualTo(120);
        assertThat(v.keyframes()).isEqualTo(2);
    }

    @Test
    void chunksThatMatchTheKeyIntervalGiveTheSameBytesAsOneChunk() {
        // Each chunk's fresh encoder starts an IDR where the single encoder would start one anyway,
        // so splitting changes nothing in the stream: a strong check of split + assemble.
        EncodeSettings settings = EncodeSettings.forSource(TestVideos.smallInfo()); // keyInterval 24
        assertThat(run(TestVideos.small(), 2, settings)).isEqualTo(run(TestVideos.small(), 1, settings));
        assertThat(run(TestVideos.small(), 4, settings.withKeyInterval(12)))
                .isEqualTo(run(TestVideos.small(), 1, settings.withKeyInterval(12)));
    }

    @Test
    void chunksBetweenKeyframesShowTheRightFramesInTheRightOrder() {
        EncodeSettings settings = EncodeSettings.forSource(TestVideos.smallInfo());
        byte[] output = run(TestVideos.small(), 5, settings); // 48/5: cuts at 9, 19, 28, 38, most not on keyframes
        assertThat(VideoVerifier.verify(output, TestVideos.smallInfo(), settings).mismatches()).isEmpty();
        List<int[]> frames = TestVideos.decodeLuma(output);
        for (int n = 0; n < 48; n++) {
            int[] drawn = TestVideos.luma(SyntheticVideo.frame(160, 120, n));
            // Transcoded twice (source encode, chunk encode) at qp 26: still close to what was drawn.
            assertThat(TestVideos.psnr(frames.get(n), drawn)).as("frame %d", n).isGreaterThan(28);
        }
        // ... and not just close to any frame: the neighbour is clearly worse.
        assertThat(TestVideos.psnr(frames.get(20), TestVideos.luma(SyntheticVideo.frame(160, 120, 19))))
                .isLessThan(TestVideos.psnr(frames.get(20), TestVideos.luma(SyntheticVideo.frame(160, 120, 20))) - 5);
    }

    @Test
    void oneChunkAndOneFramePerChunk() {
        EncodeSettings settings = EncodeSettings.forSource(TestVideos.smallInfo());
        assertThat(VideoVerifier.verify(run(TestVideos.small(), 1, settings), TestVideos.smallInfo(), settings).ok()).isTrue();
        byte[] perFrame = run(TestVideos.small(), 48, settings);
        VideoVerification v = VideoVerifier.verify(perFrame, TestVideos.smallInfo(), settings);
        assertThat(v.mismatches()).isEmpty();
        assertThat(v.keyframes()).isEqualTo(48); // every chunk starts with its own IDR
    }

    @Test
    void rescalesToTheTargetSize() {
        EncodeSettings half = EncodeSettings.forSource(TestVideos.smallInfo()).withSize(80, 60).withQp(30);
        byte[] output = run(TestVideos.small(), 3, half);
        VideoVerification v = VideoVerifier.verify(output, TestVideos.smallInfo(), half);
        assertThat(v.mismatches()).isEmpty();
        assertThat(v.width()).isEqualTo(80);
        assertThat(v.height()).isEqualTo(60);
        // Against the source's size the same output is reported, not waved through.
        assertThat(VideoVerifier.verify(output, TestVideos.smallInfo(), EncodeSettings.forSource(TestVideos.smallInfo()))
                .mismatches()).containsExactly("output is 80x60, the target 160x120");
    }

    @Test
    void verificationReportsAMissingChunk() {
        EncodeSettings settings = EncodeSettings.forSource(TestVideos.smallInfo());
        List<ChunkPlan> plan = ChunkPlanner.byCount(TestVideos.smallInfo(), 4);
        List<byte[]> chunks = new ArrayList<>();
        for (ChunkPlan c : plan.subList(0, 3)) {
            chunks.add(ChunkTranscoder.transcode(TestVideos.small(), c, settings).mp4());
        }
        VideoVerification v = VideoVerifier.verify(ChunkAssembler.assemble(chunks), TestVideos.smallInfo(), settings);
        assertThat(v.ok()).isFalse();
        assertThat(v.mismatches()).containsExactly("output has 36 frames, the source 48",
                "output lasts 1.5 s, the source 2.0 s");
        assertThat(VideoVerifier.verify("garbage".getBytes(), TestVideos.smallInfo(), settings).mismatches())
                .singleElement().asString().startsWith("output is not a valid video (NOT_MP4)");
    }

    @Test
    void aChunkFromItsSegmentEqualsTheChunkFromTheWholeSourceAndRepeatsExactly() {
        EncodeSettings settings = EncodeSettings.forSource(TestVideos.smallInfo());
        ChunkPlan chunk = ChunkPlanner.byCount(TestVideos.smallInfo(), 5).get(2); // frames 19..27, decoded from 0
        assertThat(chunk.leadInFrames()).isEqualTo(19);
        byte[] segment = VideoSplitter.segment(TestVideos.small(), chunk);
        VideoInfo segmentInfo = VideoProbe.probe(segment, MediaLimits.DEFAULT);
        assertThat(segmentInfo.frameCount()).isEqualTo(chunk.endFrame() - chunk.decodeFromFrame());
        assertThat(segmentInfo.keyframes()).containsExactly(0, 24);

        EncodedChunk fromSource = ChunkTranscoder.transcode(TestVideos.small(), chunk, settings);
        EncodedChunk fromSegment = ChunkTranscoder.transcode(segment, VideoSplitter.withinSegment(chunk), settings);
        EncodedChunk again = ChunkTranscoder.transcode(TestVideos.small(), chunk, settings);
        assertThat(fromSegment.mp4()).isEqualTo(fromSource.mp4());
        assertThat(again.mp4()).isEqualTo(fromSource.mp4());
        assertThat(fromSource.frameCount()).isEqualTo(9);
        assertThat(fromSource.decodedFrames()).isEqualTo(28);
        assertThat(VideoProbe.probe(fromSource.mp4(), MediaLimits.DEFAULT).keyframes()).containsExactly(0);
    }

    @Test
    void chunksEncodedOnParallelThreadsEqualChunksEncodedOneByOne() throws Exception {
        // The in-process fan-out runs transcodes on several threads: JCodec must share no mutable state.
        EncodeSettings settings = EncodeSettings.forSource(TestVideos.smallInfo());
        List<ChunkPlan> plan = ChunkPlanner.byCount(TestVideos.smallInfo(), 8);
        byte[] source = TestVideos.small();
        List<byte[]> sequential = new ArrayList<>();
        for (ChunkPlan c : plan) {
            sequential.add(ChunkTranscoder.transcode(source, c, settings).mp4());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<byte[]>> futures = new ArrayList<>();
            for (ChunkPlan c : plan) {
                futures.add(pool.submit(() -> ChunkTranscoder.transcode(source, c, settings).mp4()));
            }
            for (int i = 0; i < plan.size(); i++) {
                assertThat(futures.get(i).get()).as("chunk %d", i).isEqualTo(sequential.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void assemblerRefusesChunksOfDifferentSettings() {
        EncodeSettings settings = EncodeSettings.forSource(TestVideos.smallInfo());
        List<ChunkPlan> plan = ChunkPlanner.byCount(TestVideos.smallInfo(), 2);
        byte[] a = ChunkTranscoder.transcode(TestVideos.small(), plan.get(0), settings).mp4();
        byte[] otherSize = ChunkTranscoder.transcode(TestVideos.small(), plan.get(1), settings.withSize(80, 60)).mp4();
        byte[] otherGop = ChunkTranscoder.transcode(TestVideos.small(), plan.get(1), settings.withKeyInterval(100)).mp4();
        assertThatThrownBy(() -> ChunkAssembler.assemble(List.of(a, otherSize))).hasMessageContaining("chunk 1 is 80x60");
        assertThatThrownBy(() -> ChunkAssembler.assemble(List.of(a, otherGop)))
                .hasMessageContaining("chunk 1 was encoded with other settings than chunk 0");
        assertThatThrownBy(() -> ChunkAssembler.assemble(List.of())).hasMessageContaining("no chunks");
    }

    @Test
    void lowerQuantizerMeansMoreBytesAndEvenQuantizerZeroFitsTheEncoderBuffer() {
        ChunkPlan all = ChunkPlanner.byCount(TestVideos.smallInfo(), 1).get(0);
        EncodeSettings settings = EncodeSettings.forSource(TestVideos.smallInfo());
        long q40 = ChunkTranscoder.transcode(TestVideos.small(), all, settings.withQp(40)).sizeBytes();
        long q30 = ChunkTranscoder.transcode(TestVideos.small(), all, settings.withQp(30)).sizeBytes();
        long q20 = ChunkTranscoder.transcode(TestVideos.small(), all, settings.withQp(20)).sizeBytes();
        // JCodec codes every residual block of a P macroblock (no skipped blocks), so sizes fall slowly.
        assertThat(q20).isGreaterThan(q30);
        assertThat(q30).isGreaterThan(q40);
        // A constant quantizer 0 would overflow JCodec's picture buffer; the rate control steps up instead.
        EncodedChunk q0 = ChunkTranscoder.transcode(TestVideos.small(), new ChunkPlan(0, 0, 3, 0), settings.withQp(0));
        assertThat(VideoProbe.probe(q0.mp4(), MediaLimits.DEFAULT).frameCount()).isEqualTo(3);
    }

    @Test
    void benchmarkSizedSourceTenSeconds320x240InTenChunks() {
        byte[] source = SyntheticVideo.generate(SyntheticVideoSpec.BENCHMARK);
        VideoInfo info = VideoProbe.probe(source, MediaLimits.DEFAULT);
        assertThat(info.frameCount()).isEqualTo(240);
        assertThat(info.durationSeconds()).isEqualTo(10.0);
        assertThat(info.keyframes()).hasSize(10);
        EncodeSettings settings = EncodeSettings.forSource(info);
        byte[] output = run(source, 10, settings);
        VideoVerification v = VideoVerifier.verify(output, info, settings);
        assertThat(v.mismatches()).isEmpty();
        assertThat(v.frameCount()).isEqualTo(240);
        assertThat(v.durationSeconds()).isEqualTo(10.0);
        assertThat(v.width()).isEqualTo(320);
        assertThat(v.height()).isEqualTo(240);
    }

    /** Probe, plan {@code chunks}, transcode each chunk from its own segment, assemble. */
    static byte[] run(byte[] source, int chunks, EncodeSettings settings) {
        VideoInfo info = VideoProbe.probe(source, MediaLimits.DEFAULT);
        List<byte[]> encoded = new ArrayList<>();
        for (ChunkPlan c : ChunkPlanner.byCount(info, chunks)) {
            EncodedChunk chunk = ChunkTranscoder.transcode(VideoSplitter.segment(source, c), VideoSplitter.withinSegment(c), settings);
            assertThat(chunk.index()).isEqualTo(c.index());
            assertThat(chunk.frameCount()).isEqualTo(c.frameCount());
            encoded.add(chunk.mp4());
        }
        return ChunkAssembler.assemble(encoded);
    }
}
