package io.durablebench.reliability;

import java.util.ArrayList;
import java.util.List;

/**
 * One table row: a workflow's crash sweep.
 *
 * @param workflow    the workflow
 * @param boundaries  step boundaries of its clean run (checkpoint calls, or DynamoDB writes for a baseline)
 * @param tried       crash points tried (before and after each boundary tried)
 * @param hit         of those, runs where the kill happened at the point
 * @param finishedCorrect runs that finished with the right result
 * @param duplicated  side effects duplicated, summed over the runs
 * @param lost        acknowledged inputs lost, summed over the runs
 * @param runs        every run
 */
public record SweepSummary(String workflow, long boundaries, int tried, int hit, int finishedCorrect, long duplicated,
                           long lost, List<CrashRun> runs) {
    public static SweepSummary of(String workflow, long boundaries, List<CrashRun> runs) {
        return new SweepSummary(workflow, boundaries, runs.size(), (int) runs.stream().filter(CrashRun::hit).count(),
                (int) runs.stream().filter(r -> r.verdict().finished() && r.verdict().correct()).count(),
                runs.stream().mapToLong(r -> r.verdict().duplicated()).sum(),
                runs.stream().mapToLong(r -> r.verdict().lost()).sum(), List.copyOf(runs));
    }

    /** Several sweeps as one row (a side's total): boundaries summed, every run counted once. */
    public static SweepSummary total(String label, List<SweepSummary> sweeps) {
        List<CrashRun> all = new ArrayList<>();
        sweeps.forEach(s -> all.addAll(s.runs()));
        return of(label, sweeps.stream().mapToLong(SweepSummary::boundaries).sum(), all);
    }

    /** Runs that re-did work not yet recorded when the process died (allowed, at-least-once). */
    public int redoneRuns() {
        return (int) runs.stream().filter(r -> r.verdict().redidUnrecordedWork()).count();
    }

    public String tableRow() {
        return String.format(java.util.Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d |", workflow, boundaries, tried,
                hit, finishedCorrect, duplicated, lost, redoneRuns());
    }

    public static String tableHeader() {
        return "| workflow | boundaries (clean run) | crash points tried | killed at the point | finished and correct "
                + "| side effects duplicated | data lost | runs that redid unrecorded work |\n|---|---|---|---|---|---|---|---|";
    }
}
