package io.durablebench.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.local.template.SamTemplate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where one counter run's time goes on each side, measured on the embedded target (everything in
 * this JVM, so one clock sees the driver, the local Lambda, the handler and its SDK calls): the
 * durable counter, the counter baseline and the no-op take turns run by run, each run split into
 * a {@link RunTimeline}; writes the means and medians as a markdown table with its command, date
 * and commit ({@link BreakdownReport}).
 */
@Command(name = "breakdown", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Split counter runs (durable, baseline, no-op) into client, invoke path, handler, SDK calls and"
                + " response on the embedded target, and write the table (default: results/breakdown.md).")
public final class BreakdownCommand extends LoadTestCommand {
    @Mixin
    RunCountOptions counts = new RunCountOptions(100, 50);

    int profileRuns;

    @Option(names = "--profile-runs", defaultValue = "100",
            description = "runs per side of a second pass under Java Flight Recorder, after the timed one; 0 to skip"
                    + " (default: 100)")
    void profileRuns(int runs) {
        check(runs >= 0, "--profile-runs must be 0 or more, got " + runs);
        profileRuns = runs;
    }

    @Option(names = "--function-log", defaultValue = "load-test-out/breakdown-function-stdout.log",
            description = "where the hosted functions' stdout goes (default: load-test-out/breakdown-function-stdout.log)")
    Path functionLog;

    @Override
    Integer run() throws Exception {
        int runs = counts.runs;
        int warmups = counts.warmups;
        String command = typed();
        String started = Instant.now().toString();
        List<RunSpec> sides = List.of(RunSpec.of(Workload.COUNTER_BATCH, Variants.DURABLE, "breakdown", runs, warmups, 1, 42),
                RunSpec.of(Workload.COUNTER_BATCH, Variants.BASELINE, "breakdown", runs, warmups, 1, 42),
                RunSpec.of(Workload.NOOP, Variants.NOOP, "breakdown", runs, warmups, 1, 42));
        Map<String, List<RunTimeline>> timelines = new LinkedHashMap<>();
        MachineLoad.Report load;
        Map<String, HandlerProfile.SideProfile> profile = Map.of();
        Map<String, List<RunTimeline>> profiled = new LinkedHashMap<>();
        SamTemplate template = SamTemplate.load(SamTemplate.locate(Path.of("")));
        if (functionLog.toAbsolutePath().getParent() != null) {
            Files.createDirectories(functionLog.toAbsolutePath().getParent());
        }
        PrintStream stdout = System.out;
        try (PrintStream functions = new PrintStream(Files.newOutputStream(functionLog), true, StandardCharsets.UTF_8)) {
            System.setOut(functions);
            try (EmbeddedTarget target = EmbeddedTarget.start(template); MachineLoad machine = MachineLoad.start()) {
                RunMeasurer measurer = new RunMeasurer(target, "lt-bd-");
                for (int i = 0; i < warmups; i++) {
                    for (RunSpec s : sides) {
                        check(measurer.run(s, Experiment.runId(s, true, i), i));
                    }
                }
                for (int i = 0; i < runs; i++) {
                    for (RunSpec s : sides) {
                        timelines.computeIfAbsent(s.variant(), k -> new ArrayList<>()).add(timeline(target, measurer, s, i));
                    }
                }
                load = machine.report();
                if (profileRuns > 0) {
                    profile = profile(target, measurer, sides, profiled);
                }
            }
        } finally {
            System.setOut(stdout);
        }
        String md = BreakdownReport.render(timelines, command, started, Machine.describe(), load, runs, warmups)
                + BreakdownReport.renderProfile(profile, profiled, profileRuns);
        write(out, md);
        stdout.print(md);
        stdout.println("wrote " + out);
        return 0;
    }

    private static RunTimeline timeline(EmbeddedTarget target, RunMeasurer measurer, RunSpec s, int i) throws IOException {
        Map<Long, JsonNode> lines = new LinkedHashMap<>();
        target.functionLog().observeLines((at, line) -> {
            synchronized (lines) {
                lines.put(at, line);
            }
        });
        SdkCallTimer.record();
        RunRecord r;
        try {
            r = check(measurer.run(s, Experiment.runId(s, false, i), i));
        } finally {
            target.functionLog().observeLines(null);
        }
        List<SdkCallTimer.Call> calls = SdkCallTimer.stop();
        synchronized (lines) {
            return RunTimeline.of(r, calls, lines);
        }
    }

    /** The same runs again under Java Flight Recorder (which slows them: the timed pass runs without it). */
    private Map<String, HandlerProfile.SideProfile> profile(EmbeddedTarget target, RunMeasurer measurer,
                                                            List<RunSpec> sides, Map<String, List<RunTimeline>> timelines)
            throws IOException {
        try (HandlerProfile jfr = new HandlerProfile()) {
            for (int i = 0; i < profileRuns; i++) {
                for (RunSpec s : sides) {
                    int index = counts.runs + i; // run ids not used by the timed pass
                    Stopwatch clock = Stopwatch.start();
                    RunTimeline t = timeline(target, measurer, s, index);
                    jfr.add(s.variant(), clock.started(), clock.started().plusNanos(Math.round(t.latencyMs() * 1e6)));
                    timelines.computeIfAbsent(s.variant(), k -> new ArrayList<>()).add(t);
                }
            }
            return jfr.analyze();
        }
    }

    private static RunRecord check(RunRecord r) {
        if (!r.success()) {
            throw new IllegalStateException(r.configuration() + " run " + r.run() + " failed: " + r.error());
        }
        return r;
    }
}
