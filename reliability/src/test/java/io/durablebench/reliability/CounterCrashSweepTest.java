package io.durablebench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reduced crash sweep of the counters (the full one, every boundary, is {@code ReliabilityMain}
 * under {@code -Preliability}): the durable batch and entity at a sample of checkpoint boundaries,
 * the baseline at every DynamoDB write, the local Lambda killed there and restarted each time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CounterCrashSweepTest {
    @TempDir
    static Path dir;
    private CrashBed bed;

    @BeforeAll
    void start() {
        bed = CrashBed.start(dir, Map.of("MESSAGES_PER_GENERATION", "3"));
    }

    @AfterAll
    void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    /**
     * The crash switch is off in a normal launch: the service as this bed starts it for the sweep's
     * clean runs (its own process hosting {@code template.yaml}, no JVM options, like every launch
     * outside a crash run) passes every checkpoint call of a run named as the sweep names its
     * watched runs, so no crash point (before or after any call) halts it.
     */
    @Test
    void theServiceLaunchedNormallyNeverHalts() throws Exception {
        bed.restartAfterCrash(); // a launch without the switch, as LocalLambdaProcess.start does
        long pid = bed.service().pid();
        int lives = bed.service().lives();
        String cmdline = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        assertThat(cmdline).contains("template.yaml").doesNotContain("locallambda.crash");
        // scripts/run.sh hosts the same service in its own JVM, started without any -D option either
        Path root = io.durablebench.local.template.SamTemplate.locate(Path.of("")).toAbsolutePath().getParent();
        java.util.List<String> javaLines = java.nio.file.Files.readAllLines(root.resolve("scripts/run.sh")).stream()
                .map(String::trim).filter(l -> l.startsWith("java ")).toList();
        assertThat(javaLines).isNotEmpty().allSatisfy(l -> assertThat(l).doesNotContain("-D"));
        DurableWorkflow workflow = new CounterBatchWorkflow(4);
        DurableWorkflow.Run run = workflow.begin(bed, "off");
        Verdict v = run.finish(bed);
        assertThat(v.finished() && v.correct()).as("%s", v).isTrue();
        long calls = bed.checkpointCalls(run.executions(bed));
        assertThat(calls).as("a checkpoint per step at least").isGreaterThanOrEqualTo(5);
        assertThat(bed.service().alive()).isTrue();
        assertThat(bed.service().pid()).isEqualTo(pid);
        assertThat(bed.service().lives()).as("no restart was needed").isEqualTo(lives);
        assertThat(bed.service().awaitExit(java.time.Duration.ofMillis(500))).as("no halt").isEmpty();
    }

    @Test
    void durableBatchFinishesCorrectlyAfterACrashAtSampledBoundariesWithNoCompletedStepRunTwice() {
        SweepSummary s = DurableCrashSweep.run(bed, new CounterBatchWorkflow(4), "t", k -> k == 1 || k == 5,
                System.out);
        assertThat(s.boundaries()).as("a checkpoint per step at least").isGreaterThanOrEqualTo(5);
        assertThat(s.tried()).isEqualTo(4);
        SweepChecks.survivedEveryCrash(s);
    }

    @Test
    void durableEntityFinishesCorrectlyAfterACrashAtSampledBoundaries() {
        SweepSummary s = DurableCrashSweep.run(bed, new CounterEntityWorkflow(4), "t", k -> k == 2 || k == 7,
                System.out);
        SweepChecks.survivedEveryCrash(s);
    }

    @Test
    void baselineIsKilledAtEveryWriteAndTheResultIsMeasured() {
        SweepSummary s = CounterBaselineCrashSweep.run(bed, 3, 2, "t", k -> true, System.out);
        assertThat(s.boundaries()).as("one TransactWriteItems per request").isEqualTo(3);
        assertThat(s.hit()).as("%s", s.runs()).isEqualTo(6);
        // the baseline's idempotency markers make a re-delivered request safe: this is its guarantee
        assertThat(s.finishedCorrect()).as("%s", s.runs()).isEqualTo(6);
        assertThat(s.duplicated()).isZero();
        assertThat(s.lost()).isZero();
    }
}
