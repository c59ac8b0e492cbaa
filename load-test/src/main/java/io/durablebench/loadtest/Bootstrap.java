package io.durablebench.loadtest;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap confidence interval of a ratio of means (Efron and Tibshirani, "An
 * Introduction to the Bootstrap", ch. 13): resample the runs with replacement, take the ratio of the
 * resample's means, and read the interval off the resampled ratios' percentiles. Paired when the two
 * sides took turns run by run: run i of each side is resampled together, so a drift of the machine
 * that slowed both alike stays out of the interval, as it stayed out of the comparison.
 */
final class Bootstrap {
    /** Resamples per interval: the percentiles' own Monte Carlo error is then well under the last digit printed. */
    static final int RESAMPLES = 10_000;

    /** A point estimate and its two-sided interval. */
    record Interval(double estimate, double low, double high, double confidence) {
        /** The larger distance from the estimate to an end, as a fraction of the estimate. */
        double relativeHalfWidth() {
            return Math.max(high - estimate, estimate - low) / estimate;
        }
    }

    private Bootstrap() {
    }

    /**
     * {@code mean(numerator) / mean(denominator)} with its {@code confidence} (e.g. 0.95) interval.
     *
     * @param paired whether {@code numerator[i]} and {@code denominator[i]} belong together (same length)
     */
    static Interval ratioOfMeans(double[] numerator, double[] denominator, boolean paired, double confidence,
                                 int resamples, long seed) {
        if (numerator.length == 0 || denominator.length == 0) {
            throw new IllegalArgumentException("a ratio of means needs values on both sides");
        }
        if (paired && numerator.length != denominator.length) {
            throw new IllegalArgumentException("paired sides need as many values each, got " + numerator.length
                    + " and " + denominator.length);
        }
        if (!(confidence > 0 && confidence < 1) || resamples < 1) {
            throw new IllegalArgumentException("confidence must be in (0, 1) and resamples at least 1");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] ratios = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double num = 0;
            double den = 0;
            if (paired) {
                for (int k = 0; k < numerator.length; k++) {
                    int i = random.nextInt(numerator.length);
                    num += numerator[i];
                    den += denominator[i];
                }
            } else {
                for (int k = 0; k < numerator.length; k++) {
                    num += numerator[random.nextInt(numerator.length)];
                }
                for (int k = 0; k < denominator.length; k++) {
                    den += denominator[random.nextInt(denominator.length)];
                }
                num /= numerator.length;
                den /= denominator.length;
            }
            ratios[b] = num / den; // paired: the common 1/n cancels
        }
        Arrays.sort(ratios);
        double tail = (1 - confidence) / 2;
        return new Interval(mean(numerator) / mean(denominator), percentile(ratios, tail), percentile(ratios, 1 - tail),
                confidence);
    }

    /** Nearest rank: the value at rank ceil(p * n) of the sorted values (rank 1 at the least). */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length - 1e-9);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
