package io.durablebench.reliability;

import io.durablebench.locallambda.durable.CrashSwitch;
import java.time.Duration;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Crash at every step boundary of a durable workflow: a clean run counts its checkpoint calls N;
 * then for each chosen k in 1..N, a run with the service halting before the k-th call (received,
 * not applied) and one halting after it (applied and synced, response not sent), each restarted
 * without the switch and finished.
 */
public final class DurableCrashSweep {
    private static final Duration HALT_WAIT = Duration.ofMinutes(3);

    private DurableCrashSweep() {
    }

    /** @param calls which checkpoint calls to crash at (all: {@code k -> true}) */
    public static SweepSummary run(CrashBed bed, DurableWorkflow workflow, String tag, IntPredicate calls,
                                   java.io.PrintStream progress) {
        String cleanId = tag + "-clean";
        DurableWorkflow.Run clean = workflow.begin(bed, cleanId);
        Verdict cleanVerdict = clean.finish(bed);
        if (!cleanVerdict.finished() || !cleanVerdict.correct()) {
            throw new IllegalStateException(workflow.name() + ": the run without a crash is already wrong: " + cleanVerdict);
        }
        long n = bed.checkpointCalls(clean.executions(bed));
        progress.printf("%s: clean run made %d checkpoint calls (%s)%n", workflow.name(), n, cleanVerdict.detail());
        List<CrashRun> runs = CrashSweepRuns.sweep(n, calls, CrashSwitch.Point.values(), tag, 22, progress,
                (k, point, runId) -> {
                    bed.armCrashSwitch(point, k, workflow.executionPrefix(runId));
                    DurableWorkflow.Run run = workflow.begin(bed, runId);
                    boolean halted = CrashBed.await(HALT_WAIT, () -> !bed.service().alive() || run.ended(bed));
                    boolean hit = halted && !bed.service().alive() && bed.awaitHalt(Duration.ofSeconds(5));
                    bed.restartAfterCrash();
                    Verdict v = run.finish(bed);
                    String where = point.name().toLowerCase(java.util.Locale.ROOT) + " checkpoint " + k;
                    return new CrashRun(workflow.name(), where, hit, v);
                });
        return SweepSummary.of(workflow.name(), n, runs);
    }
}
