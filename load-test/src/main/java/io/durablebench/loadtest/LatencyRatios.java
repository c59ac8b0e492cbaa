package io.durablebench.loadtest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary's section on how firmly the durable / baseline latency ratio of each workload is
 * known: the ratio of mean client latencies in one run, its 95 % bootstrap interval over the runs,
 * and how many runs per side this run's variance says the ±3 % target needs.
 */
final class LatencyRatios {
    static final double CONFIDENCE = 0.95;
    /** The target: the interval's half-width as a fraction of the ratio. */
    static final double TARGET_HALF_WIDTH = 0.03;
    static final long SEED = 1;

    /** One workload's comparison. */
    record Ratio(String workload, int durableRuns, int baselineRuns, double durableMeanMs, double baselineMeanMs,
                 boolean paired, Bootstrap.Interval interval) {
        boolean withinTarget() {
            return interval.relativeHalfWidth() <= TARGET_HALF_WIDTH;
        }

        /** Runs per side for the target at this variance: the interval narrows as 1 / sqrt(runs). */
        int runsForTarget() {
            double scale = interval.relativeHalfWidth() / TARGET_HALF_WIDTH;
            return (int) Math.ceil(Math.max(durableRuns, baselineRuns) * scale * scale);
        }
    }

    private LatencyRatios() {
    }

    /** Durable against baseline in the main part, per workload that has both, in the workloads' order. */
    static List<Ratio> of(List<RunRecord> rows) {
        return Workload.all().stream().filter(w -> w.variants().contains(Variants.DURABLE)
                && w.variants().contains(Variants.BASELINE)).map(w -> of(rows, w)).filter(r -> r != null).toList();
    }

    private static Ratio of(List<RunRecord> rows, Workload w) {
        Map<Integer, Double> d = latencies(rows, w, Variants.DURABLE);
        Map<Integer, Double> b = latencies(rows, w, Variants.BASELINE);
        if (d.isEmpty() || b.isEmpty()) {
            return null;
        }
        // the sides took turns run by run (Experiment): run i of each belongs together
        boolean paired = d.keySet().equals(b.keySet());
        double[] dv = d.values().stream().mapToDouble(Double::doubleValue).toArray();
        double[] bv = b.values().stream().mapToDouble(Double::doubleValue).toArray();
        Bootstrap.Interval i = Bootstrap.ratioOfMeans(dv, bv, paired, CONFIDENCE, Bootstrap.RESAMPLES, SEED);
        return new Ratio(w.name(), dv.length, bv.length, Bootstrap.mean(dv), Bootstrap.mean(bv), paired, i);
    }

    /** Run index to client latency of one side's main runs (the video in-process, as in the paper). */
    private static Map<Integer, Double> latencies(List<RunRecord> rows, Workload w, String variant) {
        Map<Integer, Double> out = new TreeMap<>();
        for (RunRecord r : rows) {
            if (r.workload().equals(w.name()) && r.variant().equals(variant) && r.experiment().equals("main")
                    && (w != Workload.VIDEO || r.mode().equals(VideoWorkload.IN_PROCESS)) && r.latencyMs() >= 0) {
                out.put(r.run(), r.latencyMs());
            }
        }
        return out;
    }

    static void render(StringBuilder md, List<RunRecord> rows) {
        List<Ratio> ratios = of(rows);
        if (ratios.isEmpty()) {
            return;
        }
        md.append("## Durable / baseline latency ratio, 95 % confidence\n\n");
        md.append(String.format(Locale.ROOT, "Mean client latency of the durable side over the baseline's, same run. The"
                + " interval is a percentile bootstrap over runs (%,d resamples, seed %d), paired where the sides took"
                + " turns run by run (run i of each resampled together, so a drift that slowed both alike stays out of"
                + " it). Target: within ±%.0f %%. The last column scales this run's interval to the target"
                + " (the half-width shrinks as 1 / sqrt(runs)).\n\n", Bootstrap.RESAMPLES, SEED, 100 * TARGET_HALF_WIDTH));
        md.append("| workload | runs per side | durable mean ms | baseline mean ms | ratio | 95 % interval | half-width | within ±3 % | runs per side for ±3 % at this variance |\n");
        md.append("|---|---:|---:|---:|---:|---|---:|---|---:|\n");
        for (Ratio r : ratios) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.3f | [%.3f, %.3f]%s | ±%.1f %% | %s | %d |\n",
                    r.workload(), r.durableRuns() == r.baselineRuns() ? Integer.toString(r.durableRuns())
                            : r.durableRuns() + " / " + r.baselineRuns(),
                    r.durableMeanMs(), r.baselineMeanMs(), r.interval().estimate(), r.interval().low(), r.interval().high(),
                    r.paired() ? "" : " (unpaired)", 100 * r.interval().relativeHalfWidth(),
                    r.withinTarget() ? "yes" : "**no**", r.runsForTarget()));
        }
        md.append('\n');
    }
}
