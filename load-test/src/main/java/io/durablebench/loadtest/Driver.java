package io.durablebench.loadtest;

import io.durablebench.local.template.SamTemplate;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a plan on a target and writes {@code runs.csv}, {@code summary.md} and the charts into one
 * folder. Ctrl-C (SIGINT) runs the JVM's shutdown hooks: the hook writes the summary and charts of
 * the runs measured so far (the CSV already has them, one flushed row per run) and marks the summary
 * interrupted.
 */
final class Driver {
    private Driver() {
    }

    static int run(TargetOptions options, List<RunSpec> plan, Path out, String command, PrintStream console)
            throws InterruptedException, java.io.IOException {
        SamTemplate template = SamTemplate.load(SamTemplate.locate(Path.of("")));
        Prices prices = Prices.load(template);
        String started = Instant.now().toString();
        console.println("load-test: " + plan.size() + " configurations, "
                + plan.stream().mapToInt(s -> s.runs() + s.warmups()).sum() + " runs (warm-ups included), into " + out);
        PrintStream functionLog = null;
        PrintStream stdout = System.out;
        if (options.target.equals("embedded")) {
            // the hosted functions print their metrics line per invocation to stdout, as on Lambda (CloudWatch
            // Logs); keep them, but not on the terminal
            java.nio.file.Files.createDirectories(out);
            functionLog = new PrintStream(java.nio.file.Files.newOutputStream(out.resolve("function-stdout.log")), true,
                    java.nio.charset.StandardCharsets.UTF_8);
            System.setOut(functionLog);
        }
        try (Target target = options.start(template); MachineLoad load = MachineLoad.start()) {
            console.println("target: " + target.description());
            Experiment experiment = new Experiment(target, prices, options.idPrefix());
            AtomicBoolean done = new AtomicBoolean();
            Thread onInterrupt = new Thread(() -> {
                if (!done.get()) {
                    List<RunRecord> soFar = experiment.records();
                    Summary.write(out.resolve("summary.md"), soFar, new Summary.Context(command, target.description(),
                            Machine.describe(), started, prices.date(), true, load.report()));
                    try {
                        Charts.write(out, soFar);
                    } catch (RuntimeException e) {
                        System.err.println("\ncharts not written: " + e);
                    }
                    System.err.println("\ninterrupted: " + soFar.size() + " measured runs written to " + out);
                }
            }, "load-test-interrupted");
            Charts.prepare();
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            experiment.execute(plan, out.resolve("runs.csv"), System.err);
            done.set(true);
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
            List<RunRecord> rows = experiment.records();
            writeReports(out, rows, new Summary.Context(command, target.description(), Machine.describe(), started,
                    prices.date(), false, load.report()));
            long failed = rows.stream().filter(r -> !r.success()).count();
            console.println("wrote " + out.resolve("runs.csv") + " (" + rows.size() + " runs, " + failed + " failed), "
                    + out.resolve("summary.md") + " and the charts");
            // the results on the terminal too: each configuration's counts by operation, latencies, costs
            console.println();
            console.print(java.nio.file.Files.readString(out.resolve("summary.md")));
            return 0;
        } finally {
            if (functionLog != null) {
                System.setOut(stdout);
                functionLog.close();
            }
        }
    }

    static void writeReports(Path out, List<RunRecord> rows, Summary.Context context) {
        Summary.write(out.resolve("summary.md"), rows, context);
        Charts.write(out, rows);
    }
}
