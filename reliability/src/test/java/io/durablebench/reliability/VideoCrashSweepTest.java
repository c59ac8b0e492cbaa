package io.durablebench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reduced crash sweep of the video pipeline (the full one is {@code ReliabilityMain} under
 * {@code -Preliability}): a sample of the boundaries of each variant, 3 chunks of a 2 s source.
 * Durable: every run finishes with a verified output and no completed step's object written again.
 * Baseline with threads: every run is killed where asked and finishes with a verified output (its
 * duplicate counts are measured and reported by the full run, not asserted here beyond "no output
 * lost"). Baseline with chunk workers: killed around each chunk's DONE write, it survives every
 * crash like the durable side (no chunk recorded DONE written again).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VideoCrashSweepTest {
    private static final int CHUNKS = 3;

    @TempDir
    static Path dir;
    private CrashBed bed;

    @BeforeAll
    void start() {
        bed = CrashBed.start(dir, VideoCrashSweep.ENVIRONMENT);
    }

    @AfterAll
    void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    private void durable(VideoCrashSweep.Variant variant, java.util.function.IntPredicate sample) {
        SweepSummary s = VideoCrashSweep.run(bed, variant, CHUNKS, "t", sample, System.out);
        assertThat(s.tried()).isPositive();
        SweepChecks.survivedEveryCrash(s);
    }

    @Test
    void durableInProcessSurvivesCrashesAtSampledBoundaries() {
        durable(VideoCrashSweep.Variant.DURABLE_IN_PROCESS, k -> k == 3 || k == 6);
    }

    @Test
    void durablePerChunkInvocationSurvivesCrashesAtSampledBoundaries() {
        durable(VideoCrashSweep.Variant.DURABLE_PER_CHUNK, k -> k == 9);
    }

    /**
     * The baseline with chunk workers, killed before and after each of the first CHUNKS + 2 DynamoDB
     * writes of a job: the claim, then the chunks' DONE writes (and lease renewals, every second with
     * the 3 s lease, when the machine is slow), every run making at least that many writes (a lease
     * renewal is one write more, not one instead). The local Lambda retries the event of a worker that
     * died with the host, also one that had recorded its chunk DONE: that worker must not encode and
     * write its chunk again (the full sweep counted such rewrites as duplicated side effects before
     * the worker read its chunk's item first).
     */
    @Test
    void baselinePerChunkInvocationSurvivesACrashAroundEveryChunkWrite() {
        SweepSummary s = VideoCrashSweep.run(bed, VideoCrashSweep.Variant.BASELINE_PER_CHUNK, CHUNKS, "t",
                k -> k <= CHUNKS + 2, System.out);
        assertThat(s.tried()).isEqualTo(2 * (CHUNKS + 2));
        SweepChecks.survivedEveryCrash(s);
    }

    @Test
    void baselineThreadsIsKilledAtSampledWritesAndLosesNoOutput() {
        SweepSummary s = VideoCrashSweep.run(bed, VideoCrashSweep.Variant.BASELINE_THREADS, CHUNKS, "t",
                k -> k == 2, System.out);
        assertThat(s.hit()).as("%s", s.runs()).isEqualTo(s.tried());
        assertThat(s.lost()).as("%s", s.runs()).isZero();
        assertThat(s.runs()).allSatisfy(r -> assertThat(r.verdict().finished()).isTrue());
    }
}
