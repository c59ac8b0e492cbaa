package io.durablebench.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code summary.md}: one table per workload laid out like the paper's Table 1 (counter) and Table 2
 * (video), with our extra columns; the paper comparison; the video latency ratio and where the
 * durable side's time goes; the harness's overhead; the sweeps. Every number is computed from the
 * rows given.
 */
public final class Summary {
    /** What the run was: the command, the target, the machine, when; for the header. */
    public record Context(String command, String target, String machine, String started, String pricesDate,
                          boolean interrupted, MachineLoad.Report load) {
    }

    private Summary() {
    }

    public static void write(Path file, List<RunRecord> rows, Context ctx) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, render(rows, ctx), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(List<RunRecord> rows, Context ctx) {
        StringBuilder md = new StringBuilder();
        md.append("# Load test summary\n\n");
        if (ctx.interrupted()) {
            md.append("**Interrupted (Ctrl-C): only the runs measured before the interruption, ").append(rows.size())
                    .append(" rows.**\n\n");
        }
        md.append("- command: `").append(ctx.command()).append("`\n");
        md.append("- target: ").append(ctx.target()).append('\n');
        md.append("- machine: ").append(ctx.machine()).append('\n');
        md.append("- machine load during the run: ").append(ctx.load().describe()).append('\n');
        md.append("- started: ").append(ctx.started()).append('\n');
        md.append("- prices: `load-test/src/main/resources/prices.properties` (").append(ctx.pricesDate())
                .append("); cost per 1,000 runs is the mean estimated cost per run x 1,000\n");
        md.append("- latency: client-observed end to end, ms (HdrHistogram percentiles); server: execution (durable)")
                .append(" or handler (baseline) duration, ms; counts are means per run. Columns: see results/README.md.\n\n");
        if (ctx.load().high()) {
            md.append(String.format(Locale.ROOT, "> **Warning: the machine was busy with other work during this run**: other"
                    + " processes (and the hypervisor) took %.0f %% of its CPU time, more than %.0f %%. Latencies, and the"
                    + " ratios between sides, are less reliable than on a quiet machine (the other work lands on whichever"
                    + " run it meets); counts are not affected.\n\n", 100 * (ctx.load().otherShare() + ctx.load().stealShare()),
                    100 * MachineLoad.HIGH_OTHER_SHARE));
        }

        table(md, "Counter, batch mode (paper's Table 1: the paper's four-operation sequence per run)",
                rows, r -> r.workload().equals(Workload.COUNTER_BATCH.name()) && r.experiment().equals("main"));
        table(md, "Counter, entity mode (beyond the paper: the same four operations as messages to one entity)",
                rows, r -> r.workload().equals(Workload.COUNTER_ENTITY.name()) && r.experiment().equals("main"));
        table(md, "Video (paper's Table 2: one transcoding job per run)",
                rows, r -> r.workload().equals(Workload.VIDEO.name()) && r.experiment().equals("main"));
        paperComparison(md, rows);
        LatencyRatios.render(md, rows);
        videoRatio(md, rows);
        overhead(md, rows);
        failureSweep(md, rows);
        chunkSweep(md, rows);
        return md.toString();
    }

    private static void table(StringBuilder md, String title, List<RunRecord> all, Predicate<RunRecord> which) {
        List<RunRecord> rows = all.stream().filter(which).toList();
        if (rows.isEmpty()) {
            return;
        }
        md.append("## ").append(title).append("\n\n");
        md.append("| variant | mode | chunks | failure rate | runs | ok | latency mean | p50 | p95 | p99 | server mean | invocations | store ops (DynamoDB) | RCU | WCU | S3 calls | checkpoint calls | durable ops | checkpoint bytes | chunk retries | cost / 1,000 runs |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (List<RunRecord> g : groups(rows).values()) {
            RunRecord f = g.get(0);
            Stats l = Stats.latency(g);
            md.append(String.format(Locale.ROOT,
                    "| %s | %s | %d | %.0f%% | %d | %d | %.1f | %.1f | %.1f | %.1f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | $%.4f |\n",
                    f.variant(), f.mode(), f.chunks(), f.failureRate() * 100, l.runs(), l.succeeded(), l.mean(), l.p50(),
                    l.p95(), l.p99(), n1(Stats.mean(g, RunRecord::serverMs)), n2(Stats.mean(g, r -> r.invocations())),
                    n2(Stats.mean(g, r -> r.ddbCalls())) + byOperation(g), n1(Stats.mean(g, RunRecord::rcu)),
                    n1(Stats.mean(g, RunRecord::wcu)), n1(Stats.mean(g, r -> r.s3Calls())),
                    n2(Stats.mean(g, r -> r.checkpointCalls())), n2(Stats.mean(g, r -> r.durableOperations())),
                    n0(Stats.mean(g, r -> r.checkpointBytes())), n2(Stats.mean(g, r -> r.chunkRetries())),
                    Stats.mean(g, RunRecord::costUsd) * 1000));
        }
        md.append('\n');
    }

    /** Mean calls per DynamoDB operation, e.g. " (GetItem 1, TransactWriteItems 1)". */
    private static String byOperation(List<RunRecord> g) {
        Map<String, Double> sums = new java.util.TreeMap<>();
        for (RunRecord r : g) {
            r.ddbByOperation().forEach((k, v) -> sums.merge(k, (double) v, Double::sum));
        }
        if (sums.isEmpty()) {
            return "";
        }
        return sums.entrySet().stream().map(e -> e.getKey() + " " + n2(e.getValue() / g.size()))
                .collect(Collectors.joining(", ", " (", ")"));
    }

    private static Map<String, List<RunRecord>> groups(List<RunRecord> rows) {
        Map<String, List<RunRecord>> g = new LinkedHashMap<>();
        for (RunRecord r : rows) {
            g.computeIfAbsent(r.configuration(), k -> new ArrayList<>()).add(r);
        }
        return g;
    }

    private static List<RunRecord> select(List<RunRecord> rows, String workload, String variant, String mode,
                                          String experiment) {
        return rows.stream().filter(r -> r.workload().equals(workload) && r.variant().equals(variant)
                && (mode == null || r.mode().equals(mode)) && r.experiment().equals(experiment)).toList();
    }

    private static void paperComparison(StringBuilder md, List<RunRecord> rows) {
        List<RunRecord> cb = select(rows, Workload.COUNTER_BATCH.name(), Variants.BASELINE, null, "main");
        List<RunRecord> cd = select(rows, Workload.COUNTER_BATCH.name(), Variants.DURABLE, null, "main");
        List<RunRecord> vb = select(rows, Workload.VIDEO.name(), Variants.BASELINE, VideoWorkload.IN_PROCESS, "main");
        List<RunRecord> vp = select(rows, Workload.VIDEO.name(), Variants.BASELINE_PAPER, VideoWorkload.IN_PROCESS, "main");
        List<RunRecord> vd = select(rows, Workload.VIDEO.name(), Variants.DURABLE, VideoWorkload.IN_PROCESS, "main");
        if (cb.isEmpty() && vb.isEmpty() && vd.isEmpty()) {
            return;
        }
        md.append("## Against the paper\n\n");
        md.append("Store ops are DynamoDB calls; the durable side makes none, and its coordination is shown as")
                .append(" checkpoint calls and durable operations instead.\n\n");
        md.append("| workload | side | paper: latency ms | paper: store ops | ours: latency mean ms | ours: store ops | ours: checkpoint calls | ours: durable ops |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        paperRow(md, "counter (batch)", "baseline (ours: idempotent)", "-", "5", cb);
        paperRow(md, "counter (batch)", Variants.DURABLE, "-", "0", cd);
        paperRow(md, "video (in-process)", "baseline (ours: optimized)", "197", "62.6", vb);
        paperRow(md, "video (in-process)", "baseline (paper mode: polling)", "197", "62.6", vp);
        paperRow(md, "video (in-process)", Variants.DURABLE, "530", "0", vd);
        md.append('\n');
    }

    private static void paperRow(StringBuilder md, String workload, String side, String paperMs, String paperOps,
                                 List<RunRecord> g) {
        if (g.isEmpty()) {
            return;
        }
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.1f | %s | %s | %s |\n", workload, side, paperMs,
                paperOps, Stats.latency(g).mean(), n2(Stats.mean(g, r -> r.ddbCalls())),
                n2(Stats.mean(g, r -> r.checkpointCalls())), n2(Stats.mean(g, r -> r.durableOperations()))));
    }

    private static void videoRatio(StringBuilder md, List<RunRecord> rows) {
        List<RunRecord> d = select(rows, Workload.VIDEO.name(), Variants.DURABLE, VideoWorkload.IN_PROCESS, "main");
        List<RunRecord> b = select(rows, Workload.VIDEO.name(), Variants.BASELINE, VideoWorkload.IN_PROCESS, "main");
        if (d.isEmpty() || b.isEmpty()) {
            return;
        }
        double dl = Stats.latency(d).mean();
        double bl = Stats.latency(b).mean();
        md.append("## Video: durable / baseline latency, same run\n\n");
        md.append(String.format(Locale.ROOT, "Mean client latency, in-process fan-out: durable %.1f ms, optimized baseline"
                + " %.1f ms: **ratio %.3f** (p50 %.1f / %.1f ms). Paper: 530 / 197 ms = 2.69.\n\n", dl, bl, dl / bl,
                Stats.latency(d).p50(), Stats.latency(b).p50()));
        double server = Stats.mean(d, RunRecord::serverMs);
        double inv = Stats.mean(d, RunRecord::invocationMs);
        double ops = Stats.mean(d, RunRecord::operationMs);
        double cps = Stats.mean(d, r -> r.checkpointCalls());
        double invocations = Stats.mean(d, r -> r.invocations());
        double bServer = Stats.mean(b, RunRecord::serverMs);
        md.append("Where the durable side's time goes (means per run, measured: execution start/end from")
                .append(" GetDurableExecution, invocation start/end from the execution history, time inside top-level")
                .append(" operations from the durable runtime's own clock (its per-invocation metrics lines), checkpoint")
                .append(" calls from the service's counters):\n\n");
        md.append("| part | durable ms | baseline ms |\n|---|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| client latency | %.1f | %.1f |\n", dl, bl));
        md.append(String.format(Locale.ROOT, "| invoke path (client latency - server duration) | %.1f | %.1f |\n",
                dl - server, bl - bServer));
        md.append(String.format(Locale.ROOT, "| server duration (execution / handler) | %.1f | %.1f |\n", server, bServer));
        md.append(String.format(Locale.ROOT, "| - outside any invocation (suspended, retry waits, re-invoke scheduling) | %.1f | 0 |\n",
                server - inv));
        md.append(String.format(Locale.ROOT, "| - inside invocations | %.1f | %.1f |\n", inv, bServer));
        md.append(String.format(Locale.ROOT, "|   - inside top-level durable operations (the pipeline's stages) | %.1f | n/a |\n", ops));
        md.append(String.format(Locale.ROOT, "|   - between operations (replay, checkpoint calls on the critical path, runtime) | %.1f | n/a |\n",
                inv - ops));
        double dEncode = Stats.mean(d, RunRecord::encodeMs);
        double bEncode = Stats.mean(b, RunRecord::encodeMs);
        md.append(String.format(Locale.ROOT, "| media: chunk encode times reported in the answers, summed over the 10 chunks (they run in parallel) | %.1f | %.1f |\n",
                dEncode, bEncode));
        md.append('\n');
        md.append(String.format(Locale.ROOT, "Durable: %.2f invocations per run (%.2f replays), %.1f checkpoint calls; the"
                + " time between operations is %.2f ms per checkpoint call.", invocations,
                Math.max(0, invocations - 1), cps, cps > 0 ? (inv - ops) / cps : Double.NaN));
        double difference = server - bServer;
        if (dl > bl) {
            md.append(String.format(Locale.ROOT, " Durable is slower by %.1f ms at the client (%.1f ms in server duration)."
                    + " Of the server difference, %.1f ms is spent outside invocations and %.1f ms between top-level"
                    + " operations (checkpointing, replay, the runtime); the remaining %.1f ms is inside the stages,"
                    + " where the chunk steps' own checkpoints are mixed with the media work. The same media code's"
                    + " encode times, summed over the chunks, were %.1f ms on durable against %.1f ms on the baseline"
                    + " (%+.1f ms).", dl - bl, difference, server - inv, inv - ops,
                    difference - (server - inv) - (inv - ops), dEncode, bEncode, dEncode - bEncode));
        } else {
            md.append(" Durable is not slower here.");
        }
        md.append("\n\n");
    }

    private static void overhead(StringBuilder md, List<RunRecord> rows) {
        List<RunRecord> noop = rows.stream().filter(r -> r.workload().equals(Workload.NOOP.name())).toList();
        md.append("## Harness overhead\n\n");
        if (noop.isEmpty()) {
            md.append("n/a: the target has no no-op function.\n\n");
            return;
        }
        Stats s = Stats.latency(noop);
        md.append(String.format(Locale.ROOT, "A no-op function invoked through the same path (client, HTTP, local Lambda):"
                + " %d runs, mean %.3f ms, p50 %.3f, p99 %.3f ms. As a share of each configuration's mean latency:\n\n",
                s.runs(), s.mean(), s.p50(), s.p99()));
        md.append("| configuration | mean latency ms | no-op share | below 5% |\n|---|---:|---:|---|\n");
        for (List<RunRecord> g : groups(rows.stream().filter(r -> r.experiment().equals("main")
                && !r.workload().equals(Workload.NOOP.name())).toList()).values()) {
            double m = Stats.latency(g).mean();
            RunRecord f = g.get(0);
            md.append(String.format(Locale.ROOT, "| %s %s %s | %.1f | %.2f%% | %s |\n", f.workload(), f.variant(),
                    f.mode(), m, 100 * s.mean() / m, s.mean() / m < 0.05 ? "yes" : "**no**"));
        }
        md.append('\n');
    }

    private static void failureSweep(StringBuilder md, List<RunRecord> rows) {
        List<RunRecord> sweep = rows.stream().filter(r -> r.experiment().equals("failure-sweep")).toList();
        if (sweep.isEmpty()) {
            return;
        }
        RunRecord f = sweep.get(0);
        md.append("## Failure-rate sweep (video, ").append(f.chunks()).append(" chunks, ").append(f.mode())
                .append(")\n\n");
        md.append("| failure rate | side | runs | completion rate | chunk retries | latency mean ms | p95 ms | store ops (DynamoDB) | checkpoint calls | durable ops | invocations |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (List<RunRecord> g : groups(sweep).values()) {
            RunRecord r = g.get(0);
            Stats l = Stats.latency(g);
            md.append(String.format(Locale.ROOT, "| %.0f%% | %s | %d | %.0f%% | %s | %.1f | %.1f | %s | %s | %s | %s |\n",
                    r.failureRate() * 100, r.variant(), l.runs(), 100.0 * l.succeeded() / l.runs(),
                    n2(Stats.mean(g, x -> x.chunkRetries())), l.mean(), l.p95(), n2(Stats.mean(g, x -> x.ddbCalls())),
                    n2(Stats.mean(g, x -> x.checkpointCalls())), n2(Stats.mean(g, x -> x.durableOperations())),
                    n2(Stats.mean(g, x -> x.invocations()))));
        }
        md.append('\n');
    }

    private static void chunkSweep(StringBuilder md, List<RunRecord> rows) {
        List<RunRecord> sweep = rows.stream().filter(r -> r.experiment().equals("chunk-sweep")).toList();
        if (sweep.isEmpty()) {
            return;
        }
        md.append("## Chunk-count sweep (video, ").append(sweep.get(0).mode()).append(")\n\n");
        md.append("| chunks | side | runs | ok | latency mean ms | store ops (DynamoDB) | checkpoint calls | durable ops | checkpoint bytes | S3 calls | cost / 1,000 runs |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (List<RunRecord> g : groups(sweep).values()) {
            RunRecord r = g.get(0);
            Stats l = Stats.latency(g);
            md.append(String.format(Locale.ROOT, "| %d | %s | %d | %d | %.1f | %s | %s | %s | %s | %s | $%.4f |\n",
                    r.chunks(), r.variant(), l.runs(), l.succeeded(), l.mean(), n2(Stats.mean(g, x -> x.ddbCalls())),
                    n2(Stats.mean(g, x -> x.checkpointCalls())), n2(Stats.mean(g, x -> x.durableOperations())),
                    n0(Stats.mean(g, x -> x.checkpointBytes())), n1(Stats.mean(g, x -> x.s3Calls())),
                    Stats.mean(g, RunRecord::costUsd) * 1000));
        }
        md.append('\n');
    }

    private static String n0(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String n1(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String n2(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }
}
