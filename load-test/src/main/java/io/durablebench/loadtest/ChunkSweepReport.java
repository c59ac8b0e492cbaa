package io.durablebench.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * {@code chunk-sweep.md}: what the chunk-count sweep measured, per chunk count and side (latency
 * and cost, in total and per chunk; invocations, executions, store calls), how latency and cost
 * grow with the chunk count (a least-squares line through the per-count means, and its R²), and
 * for the durable side each run's largest execution against Lambda's per-execution limits.
 */
final class ChunkSweepReport {
    /** Lambda's limits per durable execution (CloudWatch metrics DurableExecutionOperations, DurableExecutionStorageWrittenBytes). */
    static final long MAX_OPERATIONS = 3_000;
    static final long MAX_BYTES = 100L * 1024 * 1024;

    /** Where and how the sweep ran. */
    record Context(String command, String started, String machine, String commit, String source, int concurrency,
                   String sliceChunks) {
    }

    private ChunkSweepReport() {
    }

    static void write(Path file, List<RunRecord> rows, Context context) {
        try {
            Files.writeString(file, render(rows, context), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(List<RunRecord> rows, Context c) {
        List<RunRecord> sweep = rows.stream().filter(r -> r.experiment().equals("chunk-sweep")).toList();
        StringBuilder md = new StringBuilder("# Chunk-count sweep: jobs past one durable execution's limits\n\n");
        md.append("- command: `").append(c.command()).append("`\n");
        md.append("- commit: ").append(c.commit()).append('\n');
        md.append("- started: ").append(c.started()).append('\n');
        md.append("- machine: ").append(c.machine()).append('\n');
        md.append("- source: ").append(c.source()).append("; ").append(sweep.isEmpty() ? "" : sweep.get(0).mode())
                .append(" fan-out; at most ").append(c.concurrency()).append(" chunks encoding at a time on both sides\n");
        md.append("- Lambda's limits per durable execution: ").append(String.format(Locale.ROOT, "%,d", MAX_OPERATIONS))
                .append(" operations and 100 MB of checkpointed data (`DurableExecutionOperations`,"
                        + " `DurableExecutionStorageWrittenBytes`)\n");
        md.append("- chunks per slice: ").append(c.sliceChunks()).append("; a job of more chunks runs in slices on both"
                + " sides, each slice a child execution (durable) or a slice coordinator invocation (baseline)\n\n");

        Map<Integer, Map<String, List<RunRecord>>> byCount = new TreeMap<>();
        for (RunRecord r : sweep) {
            byCount.computeIfAbsent(r.chunks(), k -> new TreeMap<>()).computeIfAbsent(r.variant(), k -> new ArrayList<>())
                    .add(r);
        }
        md.append("## Per chunk count (means over the runs)\n\n");
        md.append("| chunks | side | runs | ok | latency ms | latency per chunk ms | cost per job | cost per 1,000 chunks"
                + " | invocations | executions | durable ops, all executions | most ops in one execution | most bytes"
                + " in one execution | within limits | DynamoDB calls | S3 calls |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
        boolean allWithin = true;
        long maxOps = 0;
        long maxBytes = 0;
        for (Map.Entry<Integer, Map<String, List<RunRecord>>> e : byCount.entrySet()) {
            int n = e.getKey();
            for (String side : List.of("durable", "baseline")) {
                List<RunRecord> g = e.getValue().getOrDefault(side, List.of());
                if (g.isEmpty()) {
                    continue;
                }
                boolean durable = side.equals("durable");
                long ops = g.stream().mapToLong(RunRecord::maxExecutionOperations).max().orElse(-1);
                long bytes = g.stream().mapToLong(RunRecord::maxExecutionBytes).max().orElse(-1);
                String within = "-";
                if (durable) {
                    boolean ok = ops >= 0 && ops <= MAX_OPERATIONS && bytes >= 0 && bytes <= MAX_BYTES;
                    within = ok ? "yes" : ops < 0 || bytes < 0 ? "n/a" : "**no**";
                    allWithin &= ok;
                    maxOps = Math.max(maxOps, ops);
                    maxBytes = Math.max(maxBytes, bytes);
                }
                double latency = Stats.mean(g, RunRecord::latencyMs);
                double cost = Stats.mean(g, RunRecord::costUsd);
                md.append(String.format(Locale.ROOT, "| %,d | %s | %d | %d | %.1f | %.3f | $%.6f | $%.4f | %s | %s | %s | %s | %s | %s | %s | %s |\n",
                        n, side, g.size(), g.stream().filter(RunRecord::success).count(), latency, latency / n, cost,
                        cost / n * 1000, num(g, RunRecord::invocations), durable ? num(g, RunRecord::executions) : "-",
                        durable ? num(g, RunRecord::durableOperations) : "-", durable ? count(ops) : "-",
                        durable ? count(bytes) : "-", within, num(g, RunRecord::ddbCalls), num(g, RunRecord::s3Calls)));
            }
        }
        md.append('\n');

        md.append("## Growth with the chunk count\n\n");
        md.append("A least-squares line through the per-count means (x = chunks): the slope is what one more chunk"
                + " adds; R² near 1 is growth in proportion to the chunk count.\n\n");
        md.append("| side | figure | per chunk (slope) | fixed (intercept) | R² | per chunk at the smallest count |"
                + " per chunk at the largest count |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (String side : List.of("durable", "baseline")) {
            fit(md, side, "latency ms", byCount, side, RunRecord::latencyMs, "%.3f");
            fit(md, side, "cost USD", byCount, side, RunRecord::costUsd, "%.8f");
        }
        md.append('\n');
        md.append("## Limits\n\n");
        md.append(String.format(Locale.ROOT, "Most operations in one durable execution of any run: %,d (%.1f %% of %,d);"
                        + " most checkpointed bytes in one: %,d (%.2f %% of 100 MB); every run's executions within both"
                        + " limits: %s.\n",
                maxOps, 100.0 * maxOps / MAX_OPERATIONS, MAX_OPERATIONS, maxBytes, 100.0 * maxBytes / MAX_BYTES,
                allWithin ? "yes" : "**no**"));
        return md.toString();
    }

    private static void fit(StringBuilder md, String label, String figure, Map<Integer, Map<String, List<RunRecord>>> byCount,
                            String side, ToDoubleFunction<RunRecord> f, String format) {
        List<double[]> points = new ArrayList<>();
        for (Map.Entry<Integer, Map<String, List<RunRecord>>> e : byCount.entrySet()) {
            List<RunRecord> g = e.getValue().getOrDefault(side, List.of());
            double y = Stats.mean(g, f);
            if (!g.isEmpty() && !Double.isNaN(y)) {
                points.add(new double[] {e.getKey(), y});
            }
        }
        if (points.size() < 2) {
            return;
        }
        double[] line = leastSquares(points);
        double[] first = points.get(0);
        double[] last = points.get(points.size() - 1);
        md.append(String.format(Locale.ROOT, "| %s | %s | " + format + " | " + format + " | %.4f | " + format + " | "
                        + format + " |\n", label, figure, line[1], line[0], line[2], first[1] / first[0], last[1] / last[0]));
    }

    /** {intercept, slope, R²} of the least-squares line through the points. */
    static double[] leastSquares(List<double[]> points) {
        double n = points.size();
        double sx = 0;
        double sy = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (double[] p : points) {
            sxx += (p[0] - mx) * (p[0] - mx);
            sxy += (p[0] - mx) * (p[1] - my);
            syy += (p[1] - my) * (p[1] - my);
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
        return new double[] {intercept, slope, r2};
    }

    private static String num(List<RunRecord> g, ToDoubleFunction<RunRecord> f) {
        double v = Stats.mean(g, f);
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.1f", v);
    }

    private static String count(long v) {
        return v < 0 ? "n/a" : String.format(Locale.ROOT, "%,d", v);
    }
}
