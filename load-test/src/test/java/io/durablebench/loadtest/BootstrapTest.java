package io.durablebench.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bootstrap interval of a ratio of means: cases worked out by hand, and a known distribution. */
class BootstrapTest {
    @Test
    void pairedHandWorkedCase() {
        // pairs (2, 1) and (4, 1): a resample of two pairs is {1st, 1st} -> 2/1, {2nd, 2nd} -> 4/1 (1/4 each)
        // or one of each -> 6/2 = 3 (1/2); the 2.5th percentile is then 2, the 97.5th 4
        Bootstrap.Interval i = Bootstrap.ratioOfMeans(new double[] {2, 4}, new double[] {1, 1}, true, 0.95, 10_000, 42);
        assertThat(i.estimate()).isEqualTo(3.0);
        assertThat(i.low()).isEqualTo(2.0);
        assertThat(i.high()).isEqualTo(4.0);
        assertThat(i.relativeHalfWidth()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void unpairedHandWorkedCase() {
        // numerator {1, 3}: resampled means 1 (1/4), 2 (1/2), 3 (1/4); denominator {2} always 2
        Bootstrap.Interval i = Bootstrap.ratioOfMeans(new double[] {1, 3}, new double[] {2}, false, 0.95, 10_000, 7);
        assertThat(i.estimate()).isEqualTo(1.0);
        assertThat(i.low()).isEqualTo(0.5);
        assertThat(i.high()).isEqualTo(1.5);
    }

    @Test
    void pairingRemovesADriftBothSidesShared() {
        // every durable run 1.2 x the baseline run it took turns with, the machine drifting from 50 to 150 ms
        double[] baseline = new double[40];
        double[] durable = new double[40];
        for (int k = 0; k < 40; k++) {
            baseline[k] = 50 + 100.0 * k / 39;
            durable[k] = 1.2 * baseline[k];
        }
        Bootstrap.Interval paired = Bootstrap.ratioOfMeans(durable, baseline, true, 0.95, 2_000, 1);
        assertThat(paired.low()).isCloseTo(1.2, within(1e-12));
        assertThat(paired.high()).isCloseTo(1.2, within(1e-12));
        Bootstrap.Interval unpaired = Bootstrap.ratioOfMeans(durable, baseline, false, 0.95, 2_000, 1);
        assertThat(unpaired.relativeHalfWidth()).as("the drift, resampled apart, widens it").isGreaterThan(0.1);
    }

    @Test
    void coversTheTrueRatioOfAKnownDistributionAtAboutTheStatedRate() {
        // baseline ~ N(100, 10), durable ~ N(110, 11), independent, 50 runs each: the ratio of means is 1.1 and
        // (delta method) its standard error sqrt((11^2 / 100^2 + 110^2 * 10^2 / 100^4) / 50) = 0.0220, so a 95 %
        // interval's half-width is about 1.96 x 0.0220 = 0.0431
        Random random = new Random(20261205);
        int datasets = 200;
        int covered = 0;
        double halfWidths = 0;
        for (int s = 0; s < datasets; s++) {
            double[] b = new double[50];
            double[] d = new double[50];
            for (int k = 0; k < 50; k++) {
                b[k] = 100 + 10 * random.nextGaussian();
                d[k] = 110 + 11 * random.nextGaussian();
            }
            Bootstrap.Interval i = Bootstrap.ratioOfMeans(d, b, true, 0.95, 2_000, s);
            covered += i.low() <= 1.1 && 1.1 <= i.high() ? 1 : 0;
            halfWidths += (i.high() - i.low()) / 2;
        }
        // 200 intervals at a true 95 %: 190 expected, binomial sd 3.1; the percentile bootstrap runs a little short at n = 50
        assertThat(covered).isBetween(180, 198);
        assertThat(halfWidths / datasets).isCloseTo(0.0431, within(0.0431 * 0.1));
    }

    @Test
    void refusesWhatItCannotCompute() {
        assertThatThrownBy(() -> Bootstrap.ratioOfMeans(new double[0], new double[] {1}, false, 0.95, 10, 1))
                .hasMessageContaining("both sides");
        assertThatThrownBy(() -> Bootstrap.ratioOfMeans(new double[] {1, 2}, new double[] {1}, true, 0.95, 10, 1))
                .hasMessageContaining("paired");
        assertThatThrownBy(() -> Bootstrap.ratioOfMeans(new double[] {1}, new double[] {1}, true, 1.0, 10, 1))
                .hasMessageContaining("confidence");
    }

    @Test
    void nearestRankPercentile() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(Bootstrap.percentile(sorted, 0.025)).isEqualTo(1.0); // rank ceil(0.25) = 1
        assertThat(Bootstrap.percentile(sorted, 0.5)).isEqualTo(5.0);   // rank 5
        assertThat(Bootstrap.percentile(sorted, 0.975)).isEqualTo(10.0); // rank ceil(9.75) = 10
    }
}
