package io.durablebench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The crash part of the reliability report: per-sweep rows, each side's totals and every run, on
 * sweeps made up by hand whose totals are worked out below (no bed, no process).
 */
class CrashReportTest {
    private static CrashRun run(String workflow, String point, boolean hit, boolean correct, long dup, long lost, String detail) {
        return new CrashRun(workflow, point, hit, new Verdict(true, correct, dup, lost, detail));
    }

    // durable: two sweeps, 3 + 2 boundaries, 4 + 2 runs; one run not reached, one redid unrecorded work
    private final SweepSummary batch = SweepSummary.of("batch", 3, List.of(
            run("batch", "before checkpoint 1", true, true, 0, 0, "final 4/4"),
            run("batch", "after checkpoint 1", true, true, 0, 0, "final 4/4"),
            run("batch", "before checkpoint 2", false, true, 0, 0, "final 4/4"),
            run("batch", "after checkpoint 2", true, true, 0, 0, "final 4/4")));
    private final SweepSummary video = SweepSummary.of("video durable", 2, List.of(
            run("video durable", "before checkpoint 1", true, true, 0, 0, "output verified, objects 5, " + Verdict.REDONE + "2 puts"),
            run("video durable", "after checkpoint 1", true, true, 0, 0, "output verified, objects 5")));
    // baseline: one sweep with one wrong run (1 duplicated, 2 lost) and a detail holding a pipe
    private final SweepSummary counter = SweepSummary.of("counter-baseline", 1, List.of(
            run("counter-baseline", "before write 1", true, false, 1, 2, "final 3/4 | op 2 twice"),
            run("counter-baseline", "after write 1", true, true, 0, 0, "final 4/4")));

    @Test
    void rowsTotalsAndEveryRun() {
        String md = CrashReport.markdown(List.of(batch, video), List.of(counter));

        assertThat(md).contains("| batch | 3 | 4 | 3 | 4 | 0 | 0 | 0 |\n");
        assertThat(md).contains("| video durable | 2 | 2 | 2 | 2 | 0 | 0 | 1 |\n");
        assertThat(md).contains("| counter-baseline | 1 | 2 | 2 | 1 | 1 | 2 | 0 |\n");
        // durable: boundaries 3 + 2, tried 4 + 2, reached 3 + 2, correct 4 + 2, redone 0 + 1
        assertThat(md).contains("| durable (2 sweeps) | 5 | 6 | 5 | 6 | 0 | 0 | 1 |\n");
        assertThat(md).contains("| baseline (1 sweeps) | 1 | 2 | 2 | 1 | 1 | 2 | 0 |\n");
        // every run, the pipe of a detail replaced so the table keeps its columns
        assertThat(md).contains("| counter-baseline | before write 1 | true | true | false | 1 | 2 | final 3/4 / op 2 twice |");
        assertThat(md.lines().filter(l -> l.startsWith("| batch | ") || l.startsWith("| video durable | ")
                || l.startsWith("| counter-baseline | "))).hasSize(3 + 8);
        // the headings docs/reliability.md points to, in this order
        assertThat(md.indexOf("## Crash at every boundary\n")).isZero();
        assertThat(md.indexOf("### Totals by side\n")).isGreaterThan(0).isLessThan(md.indexOf("### Every run\n"));
    }

    @Test
    void aSideWithoutSweepsHasNoTotalsRow() {
        String md = CrashReport.markdown(List.of(), List.of(counter));
        assertThat(md).doesNotContain("| durable (").contains("| baseline (1 sweeps) |");
    }
}
