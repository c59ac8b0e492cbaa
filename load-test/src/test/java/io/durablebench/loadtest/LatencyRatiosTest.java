package io.durablebench.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary's ratio section and load warning, from rows made up for the purpose. */
class LatencyRatiosTest {
    static RunRecord row(String workload, String variant, int run, double latencyMs) {
        return new RunRecord(workload, variant, workload.equals("video") ? "in-process" : "batch", "main", 0, 0, 0, run,
                "2026-12-05T00:00:00Z", latencyMs, 1, 1, -1, -1, true, "", 0, 0, 1, 0, Map.of(), 0, 0, 0, 0, 0, 0, -1, -1,
                -1, -1, 0);
    }

    @Test
    void aRatioKnownExactlyIsWithinTheTargetAndANoisyOneSaysHowManyRunsItNeeds() {
        List<RunRecord> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            double base = 100 + 10 * i;                       // drifting machine
            rows.add(row("counter-batch", "durable", i, 1.1 * base)); // always 1.1 x its partner
            rows.add(row("counter-batch", "baseline", i, base));
            rows.add(row("video", "durable", i, i % 2 == 0 ? 1000 : 1400)); // noisy, no partner relation
            rows.add(row("video", "baseline", i, 1100));
        }
        List<LatencyRatios.Ratio> ratios = LatencyRatios.of(rows);
        assertThat(ratios).extracting(LatencyRatios.Ratio::workload).containsExactly("counter-batch", "video");
        LatencyRatios.Ratio counter = ratios.get(0);
        assertThat(counter.paired()).isTrue();
        assertThat(counter.interval().estimate()).isEqualTo(1.1, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(counter.withinTarget()).isTrue();
        LatencyRatios.Ratio video = ratios.get(1);
        // ratio 1200 / 1100; the durable side's resampled mean ranges over 1000..1400 in steps of 40
        assertThat(video.interval().estimate()).isEqualTo(1200.0 / 1100, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(video.withinTarget()).isFalse();
        double hw = video.interval().relativeHalfWidth();
        assertThat(video.runsForTarget()).isEqualTo((int) Math.ceil(10 * (hw / 0.03) * (hw / 0.03)));
        StringBuilder md = new StringBuilder();
        LatencyRatios.render(md, rows);
        assertThat(md.toString()).contains("| counter-batch | 10 | ", "| 1.100 | [1.100, 1.100] | ±0.0 % | yes |",
                "| video | 10 | ", "**no**");
    }

    @Test
    void theSummaryWarnsWhenOtherWorkTookMoreThanATenthOfTheMachine() {
        List<RunRecord> rows = List.of(row("counter-batch", "durable", 0, 10), row("counter-batch", "baseline", 0, 10));
        String busy = Summary.render(rows, new Summary.Context("cmd", "embedded", "m", "now", "2026-12-05", false,
                new MachineLoad.Report(2, 0.4, 0.5, 0, 9, 12)));
        assertThat(busy).contains("**Warning: the machine was busy with other work during this run**",
                "other processes 40 % of the 2 cores' time");
        String quiet = Summary.render(rows, new Summary.Context("cmd", "embedded", "m", "now", "2026-12-05", false,
                new MachineLoad.Report(2, 0.02, 0.9, 0, 5, 8)));
        assertThat(quiet).doesNotContain("Warning").contains("other processes 2 %");
    }

    @Test
    void theSummaryNamesTheCommitItWasMeasuredAt() throws Exception {
        Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        org.junit.jupiter.api.Assumptions.assumeTrue(git.waitFor() == 0, "not in a git checkout");
        String md = Summary.render(List.of(row("counter-batch", "durable", 0, 10)), new Summary.Context("cmd", "embedded",
                "m", "now", "2026-12-05", false, new MachineLoad.Report(2, 0.02, 0.9, 0, 5, 8)));
        assertThat(md).contains("- command: `cmd`", "- started: now", "- finished: ", "- commit: " + head);
    }
}
