package io.durablebench.loadtest;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * Latency percentiles (HdrHistogram, microsecond resolution, 3 significant digits) and means of the
 * rows of one configuration. Means skip figures the target could not give (n/a, negative).
 */
record Stats(int runs, int succeeded, double mean, double p50, double p95, double p99, double max) {
    static Stats latency(List<RunRecord> rows) {
        return of(rows, RunRecord::latencyMs);
    }

    static Stats of(List<RunRecord> rows, ToDoubleFunction<RunRecord> millis) {
        Histogram h = new Histogram(3_600_000_000L, 3);
        double sum = 0;
        int n = 0;
        for (RunRecord r : rows) {
            double v = millis.applyAsDouble(r);
            if (v < 0) {
                continue;
            }
            h.recordValue(Math.max(1, Math.round(v * 1000)));
            sum += v;
            n++;
        }
        int ok = (int) rows.stream().filter(RunRecord::success).count();
        if (n == 0) {
            return new Stats(rows.size(), ok, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Stats(rows.size(), ok, sum / n, h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(95) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    }

    /** Mean of a figure over the rows that have it; NaN if none has. */
    static double mean(List<RunRecord> rows, ToDoubleFunction<RunRecord> f) {
        double sum = 0;
        int n = 0;
        for (RunRecord r : rows) {
            double v = f.applyAsDouble(r);
            if (v >= 0) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
