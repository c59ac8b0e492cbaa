package io.durablebench.video.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.durablebench.model.json.InvalidInputException;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ChunkPlannerTest {
    /** 10 s at 24 fps with a keyframe every second, like the benchmark source. */
    static final VideoInfo TEN_SECONDS = info(240, 24);

    static VideoInfo info(int frames, int keyInterval) {
        return new VideoInfo("mp4", "h264", 320, 240, 24, 1, frames,
                IntStream.iterate(0, k -> k < frames, k -> k + keyInterval).boxed().toList(), 1);
    }

    @Test
    void chunkCountThatDividesTheKeyframesCutsOnKeyframes() {
        List<ChunkPlan> chunks = ChunkPlanner.byCount(TEN_SECONDS, 10);
        assertThat(chunks).hasSize(10);
        for (ChunkPlan c : chunks) {
            assertThat(c.firstFrame()).isEqualTo(24 * c.index());
            assertThat(c.frameCount()).isEqualTo(24);
            assertThat(c.leadInFrames()).isZero();
        }
    }

    @Test
    void otherCountsCutBetweenKeyframesAndDecodeFromTheKeyframeBefore() {
        List<ChunkPlan> chunks = ChunkPlanner.byCount(TEN_SECONDS, 7);
        assertThat(chunks).extracting(ChunkPlan::frameCount).containsExactly(34, 34, 34, 35, 34, 34, 35);
        assertThat(chunks.get(1).firstFrame()).isEqualTo(34);
        assertThat(chunks.get(1).decodeFromFrame()).isEqualTo(24);
        assertThat(chunks.get(1).leadInFrames()).isEqualTo(10);
    }

    @Test
    void oneChunkIsTheWholeVideo() {
        assertThat(ChunkPlanner.byCount(TEN_SECONDS, 1)).containsExactly(new ChunkPlan(0, 0, 240, 0));
    }

    @Test
    void asManyChunksAsFramesGivesOneFramePerChunk() {
        List<ChunkPlan> chunks = ChunkPlanner.byCount(info(48, 24), 48);
        assertThat(chunks).allSatisfy(c -> assertThat(c.frameCount()).isEqualTo(1));
        assertThat(chunks.get(47).decodeFromFrame()).isEqualTo(24);
        assertThat(chunks.get(47).leadInFrames()).isEqualTo(23);
    }

    @Test
    void moreChunksThanKeyframesIsFine() {
        // 2 keyframes, 5 chunks: every chunk still gets its own IDR when it is encoded.
        assertThat(ChunkPlanner.byCount(info(48, 24), 5)).hasSize(5);
    }

    @Test
    void moreChunksThanFramesIsAnErrorNotAClamp() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> ChunkPlanner.byCount(info(48, 24), 49));
        assertThat(e.field()).isEqualTo("chunkCount");
        assertThat(e.getMessage()).isEqualTo(
                "chunkCount: the source has only 48 frames, so it cannot be split into 49 chunks (each chunk needs a frame)");
    }

    @Test
    void chunkCountOutOfRange() {
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> ChunkPlanner.byCount(TEN_SECONDS, 0)))
                .hasMessage("chunkCount: must be between 1 and 10000, got 0");
        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> ChunkPlanner.byCount(info(50_000, 24), 10_001))).hasMessageContaining("between 1 and 10000");
    }

    @Test
    void byDurationRoundsToWholeFramesAndTheLastChunkTakesTheRest() {
        assertThat(ChunkPlanner.byDuration(TEN_SECONDS, 1.0)).hasSize(10).allSatisfy(c -> assertThat(c.leadInFrames()).isZero());
        List<ChunkPlan> chunks = ChunkPlanner.byDuration(info(48, 24), 0.75);
        assertThat(chunks).extracting(ChunkPlan::frameCount).containsExactly(18, 18, 12);
        assertThat(ChunkPlanner.byDuration(TEN_SECONDS, 60)).containsExactly(new ChunkPlan(0, 0, 240, 0));
    }

    @Test
    void byDurationRefusesChunksShorterThanAFrameOrTooMany() {
        InvalidInputException tooShort = catchThrowableOfType(InvalidInputException.class,
                () -> ChunkPlanner.byDuration(TEN_SECONDS, 0.01));
        assertThat(tooShort.field()).isEqualTo("chunkDurationSeconds");
        assertThat(tooShort.getMessage()).contains("shorter than one frame");
        InvalidInputException tooMany = catchThrowableOfType(InvalidInputException.class,
                () -> ChunkPlanner.byDuration(info(24 * 36_000, 24), 1.0));
        assertThat(tooMany.getMessage()).contains("36000 chunks").contains("at most 10000");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> ChunkPlanner.byDuration(TEN_SECONDS, 0)))
                .hasMessageContaining("positive");
        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> ChunkPlanner.byDuration(TEN_SECONDS, Double.NaN))).hasMessageContaining("positive");
    }

    @Property(tries = 300)
    void byCountCoversEveryFrameOnceInNearlyEqualChunks(@ForAll @IntRange(min = 1, max = 5000) int frames,
                                                        @ForAll @IntRange(min = 1, max = 1000) int requested,
                                                        @ForAll @IntRange(min = 1, max = 300) int keyInterval) {
        int count = Math.min(requested, frames);
        VideoInfo source = info(frames, keyInterval);
        List<ChunkPlan> chunks = ChunkPlanner.byCount(source, count);
        assertThat(chunks).hasSize(count);
        int next = 0;
        for (ChunkPlan c : chunks) {
            assertThat(c.firstFrame()).isEqualTo(next);
            assertThat(source.keyframes()).contains(c.decodeFromFrame());
            assertThat(c.leadInFrames()).isBetween(0, keyInterval - 1);
            next = c.endFrame();
        }
        assertThat(next).isEqualTo(frames);
        int min = chunks.stream().mapToInt(ChunkPlan::frameCount).min().orElseThrow();
        int max = chunks.stream().mapToInt(ChunkPlan::frameCount).max().orElseThrow();
        assertThat(max - min).isLessThanOrEqualTo(1);
    }
}
