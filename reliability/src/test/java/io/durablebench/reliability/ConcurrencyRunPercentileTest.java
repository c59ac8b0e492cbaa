package io.durablebench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The latency percentiles of the concurrency run's table ({@code docs/reliability-report.md}), nearest rank:
 * the value at rank ceil(p * n) of the n sorted latencies, checked on cases worked out by hand.
 */
class ConcurrencyRunPercentileTest {
    static final long MS = 1_000_000;

    @Test
    void nearestRankOnHandWorkedCases() {
        long[] tenMillis = LongStream.rangeClosed(1, 10).map(i -> i * MS).toArray(); // 1, 2, ..., 10 ms
        assertThat(ConcurrencyRun.percentile(tenMillis, 0.50)).isEqualTo(5.0);  // rank ceil(5.0) = 5
        assertThat(ConcurrencyRun.percentile(tenMillis, 0.99)).isEqualTo(10.0); // rank ceil(9.9) = 10
        long[] twoHundred = LongStream.rangeClosed(1, 200).map(i -> i * MS).toArray();
        assertThat(ConcurrencyRun.percentile(twoHundred, 0.50)).isEqualTo(100.0); // rank 100
        assertThat(ConcurrencyRun.percentile(twoHundred, 0.99)).isEqualTo(198.0); // rank 198
        long[] one = {2_500_000};
        assertThat(ConcurrencyRun.percentile(one, 0.50)).isEqualTo(2.5);
        assertThat(ConcurrencyRun.percentile(one, 0.99)).isEqualTo(2.5);
        // a slow tail: 98 deliveries of 1 ms and 2 of 50 ms; p99 of 100 is rank 99, the first slow one
        long[] tail = new long[100];
        java.util.Arrays.fill(tail, MS);
        tail[98] = 50 * MS;
        tail[99] = 50 * MS;
        assertThat(ConcurrencyRun.percentile(tail, 0.50)).isEqualTo(1.0);
        assertThat(ConcurrencyRun.percentile(tail, 0.99)).isEqualTo(50.0);
    }
}
