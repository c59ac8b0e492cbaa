package io.durablebench.reliability;

import java.util.ArrayList;
import java.util.List;

/**
 * The crash part of {@code target/reliability/report.md} (published as {@code docs/reliability-report.md},
 * explained in {@code docs/reliability.md}): one row per sweep, the totals of each side, then every run.
 */
final class CrashReport {
    static final String HEADING = "## Crash at every boundary";
    static final String TOTALS_HEADING = "### Totals by side";
    static final String RUNS_HEADING = "### Every run";

    private CrashReport() {
    }

    /** The markdown of the crash part, durable sweeps first; a side without a sweep has no totals row. */
    static String markdown(List<SweepSummary> durable, List<SweepSummary> baseline) {
        List<SweepSummary> sweeps = new ArrayList<>(durable);
        sweeps.addAll(baseline);
        StringBuilder md = new StringBuilder(HEADING).append("\n\n").append(SweepSummary.tableHeader()).append('\n');
        sweeps.forEach(s -> md.append(s.tableRow()).append('\n'));
        md.append('\n').append(TOTALS_HEADING).append("\n\n").append(SweepSummary.tableHeader().replaceFirst("workflow", "side"))
                .append('\n');
        if (!durable.isEmpty()) {
            md.append(SweepSummary.total("durable (" + durable.size() + " sweeps)", durable).tableRow()).append('\n');
        }
        if (!baseline.isEmpty()) {
            md.append(SweepSummary.total("baseline (" + baseline.size() + " sweeps)", baseline).tableRow()).append('\n');
        }
        md.append('\n').append(RUNS_HEADING).append("\n\n| workflow | crash point | killed there | finished | correct | duplicated | lost | detail |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (SweepSummary s : sweeps) {
            for (CrashRun r : s.runs()) {
                md.append(String.format("| %s | %s | %s | %s | %s | %d | %d | %s |%n", r.workflow(), r.point(), r.hit(),
                        r.verdict().finished(), r.verdict().correct(), r.verdict().duplicated(), r.verdict().lost(),
                        r.verdict().detail().replace("|", "/")));
            }
        }
        return md.append('\n').toString();
    }
}
