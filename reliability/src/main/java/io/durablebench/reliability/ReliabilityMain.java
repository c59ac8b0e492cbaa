package io.durablebench.reliability;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The full reliability run, whose report {@code docs/reliability.md} explains:
 * <pre>
 * mvn -B -Preliability -pl reliability -am verify -DskipTests [-Dreliability.args="crash concurrency"]
 * </pre>
 * Parts (arguments; {@code all} or none = both): {@code crash} (every crash point of the counter
 * batch, counter entity, counter baseline and the video pipeline on both sides and in both fan-out
 * modes; or one of them: {@code counter-batch}, {@code counter-entity}, {@code counter-baseline},
 * {@code video}) and {@code concurrency} (8 clients x 1,000 increments on one counter with 10 % duplicate
 * deliveries, baseline and durable entity; {@code --clients N --increments M} to change the size).
 * Prints progress and writes the tables to {@code target/reliability/report.md}.
 */
public final class ReliabilityMain {
    private ReliabilityMain() {
    }

    public static void main(String[] args) throws IOException {
        List<String> a = new ArrayList<>(Arrays.asList(args));
        int clients = option(a, "--clients", 8);
        int increments = option(a, "--increments", 1000);
        Set<String> sweepsKnown = Set.of("counter-batch", "counter-entity", "counter-baseline", "video");
        Set<String> parts = new java.util.HashSet<>(a.isEmpty() || a.contains("all") ? Set.of("crash", "concurrency") : Set.copyOf(a));
        for (String p : parts) {
            if (!Set.of("crash", "concurrency", "all").contains(p) && !sweepsKnown.contains(p)) {
                System.err.println("unknown part '" + p + "'; parts: all, crash (= " + sweepsKnown + "), concurrency, "
                        + "or single sweeps " + sweepsKnown);
                System.exit(2);
            }
        }
        if (parts.remove("crash")) {
            parts.addAll(sweepsKnown);
        }
        Path out = Path.of("target", "reliability");
        Files.createDirectories(out);
        PrintStream progress = System.out;
        StringBuilder report = new StringBuilder();
        report.append("# Reliability run ").append(Instant.now()).append("\n\n");
        report.append("JVM ").append(System.getProperty("java.version")).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" processors; parts run: ")
                .append(new java.util.TreeSet<>(parts)).append("\n\n");
        long started = System.nanoTime();
        if (parts.stream().anyMatch(sweepsKnown::contains)) {
            List<SweepSummary> durable = new ArrayList<>();
            List<SweepSummary> baseline = new ArrayList<>();
            Path dir = Files.createTempDirectory(out, "crash-");
            Map<String, String> env = new java.util.HashMap<>(VideoCrashSweep.ENVIRONMENT);
            env.put("MESSAGES_PER_GENERATION", "3");
            try (CrashBed bed = CrashBed.start(dir, env)) {
                List<String> failures = new ArrayList<>();
                if (parts.contains("counter-batch")) {
                    sweep(durable, failures, () -> DurableCrashSweep.run(bed, new CounterBatchWorkflow(4), "f", k -> true, progress));
                }
                if (parts.contains("counter-entity")) {
                    sweep(durable, failures, () -> DurableCrashSweep.run(bed, new CounterEntityWorkflow(4), "f", k -> true, progress));
                }
                if (parts.contains("counter-baseline")) {
                    sweep(baseline, failures, () -> CounterBaselineCrashSweep.run(bed, 3, 2, "f", k -> true, progress));
                }
                if (parts.contains("video")) {
                    for (VideoCrashSweep.Variant v : VideoCrashSweep.Variant.values()) {
                        sweep(v.durable ? durable : baseline, failures, () -> VideoCrashSweep.run(bed, v, 3, "f", k -> true, progress));
                    }
                }
                failures.forEach(f -> report.append("**Sweep failed:** ").append(f).append("\n\n"));
            }
            report.append(CrashReport.markdown(durable, baseline));
        }
        if (parts.contains("concurrency")) {
            Path dir = Files.createTempDirectory(out, "concurrency-");
            List<ConcurrencyRun.Result> results = new ArrayList<>();
            // the functions call DynamoDB Local directly here: no proxy hop in the latencies
            try (CrashBed bed = CrashBed.start(dir, Map.of(), false)) {
                // a short warm-up on other counters, so the first measured calls do not pay class loading
                ConcurrencyRun.baseline(bed, "warm-baseline", 2, 20, 0.10, 1);
                ConcurrencyRun.entity(bed, "warm-entity", 2, 20, 0.10, 1);
                ConcurrencyRun.Result b = ConcurrencyRun.baseline(bed, "conc-baseline", clients, increments, 0.10, 42);
                progress.println(b.tableRow());
                results.add(b);
                ConcurrencyRun.Result e = ConcurrencyRun.entity(bed, "conc-entity", clients, increments, 0.10, 42);
                progress.println(e.tableRow());
                results.add(e);
            }
            report.append("## Concurrency: ").append(clients).append(" clients x ").append(increments)
                    .append(" increments on one counter, 10 % duplicate deliveries\n\n")
                    .append(ConcurrencyRun.Result.tableHeader()).append('\n');
            results.forEach(r -> report.append(r.tableRow()).append('\n'));
            report.append('\n');
        }
        report.append(String.format("Total run time: %.0f s%n", (System.nanoTime() - started) / 1e9));
        Path file = out.resolve("report.md");
        Files.writeString(file, report.toString(), StandardCharsets.UTF_8);
        progress.println(report);
        progress.println("report written to " + file.toAbsolutePath());
        System.exit(0);
    }

    /** Runs one sweep; a sweep that throws is reported as failed and the others still run. */
    private static void sweep(List<SweepSummary> sweeps, List<String> failures,
                              java.util.function.Supplier<SweepSummary> run) {
        try {
            sweeps.add(run.get());
        } catch (RuntimeException e) {
            e.printStackTrace();
            failures.add(e.toString());
        }
    }

    private static int option(List<String> args, String name, int fallback) {
        int i = args.indexOf(name);
        if (i < 0) {
            return fallback;
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a number");
        }
        int v = Integer.parseInt(args.get(i + 1));
        args.remove(i + 1);
        args.remove(i);
        return v;
    }
}
