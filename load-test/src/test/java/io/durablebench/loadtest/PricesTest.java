package io.durablebench.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.durablebench.local.template.SamTemplate;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cost estimate against figures worked out by hand, one run per workload and side, from the price
 * table of 2026-12-05 ({@code prices.properties}, US East, per unit: Lambda request $0.0000002,
 * GB-second $0.0000166667, durable operation $0.000008, DynamoDB write unit $0.000000625, read unit
 * $0.000000125, S3 PUT $0.000005, GET $0.0000004) and template.yaml's memory sizes (1024 MB from the
 * Globals; the three video coordinators 2048 MB). A change of either table has to change these too.
 */
class PricesTest {
    static final Prices PRICES = Prices.load(SamTemplate.load(SamTemplate.locate(Path.of(""))));
    static final long NA = RunRecord.NOT_AVAILABLE;

    @Test
    void theTableIsTheOneTheseFiguresWereWorkedOutFrom() {
        assertThat(PRICES.date()).isEqualTo("2026-12-05");
        assertThat(PRICES.memoryMb()).containsEntry("CounterDurableFunction", 1024)
                .containsEntry("VideoDurableFunction", 2048).containsEntry("VideoBaselinePaperFunction", 2048);
    }

    /** One run per workload and side; n/a: not measured (a baseline has no durable operations). */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(textBlock = """
            # durable: 1 request 0.0000002 + 0.020 s x 1 GB x 0.0000166667 = 0.000000333334 + 4 operations x 0.000008 = 0.000032
            counter-batch,  durable,        1,  20.0,   4,   0, 0,  0,  0,  0.000032533334, 1e-15
            # baseline: 1 request 0.0000002 + 0.000000333334 (20 ms, 1 GB) + 4 WCU x 0.000000625 = 0.0000025
            # + 1 RCU x 0.000000125; no durable operations (n/a counts as none)
            counter-batch,  baseline,       1,  20.0,   n/a, 1, 4,  0,  0,  0.000003158334, 1e-15
            # durable: 5 requests 0.000001 + 0.050 s x 1 GB = 0.000000833335 + 12 operations 0.000096
            counter-entity, durable,        5,  50.0,   12,  0, 0,  0,  0,  0.000097833335, 1e-15
            # baseline: 4 requests 0.0000008 + 0.040 s x 1 GB = 0.000000666668 + 12 WCU 0.0000075 + 4 RCU 0.0000005
            counter-entity, baseline,       4,  40.0,   n/a, 4, 12, 0,  0,  0.000009466668, 1e-15
            # S3 on every side: 43 calls of which 21 PUT (21 x 0.000005 = 0.000105) and 22 GET (22 x 0.0000004 = 0.0000088)
            # durable: 1 request 0.0000002 + 1.6 s x 2 GB x 0.0000166667 = 0.00005333344 + 15 operations 0.00012
            video,          durable,        1,  1600.0, 15,  0, 0,  43, 21, 0.00028733344,  1e-14
            # baseline: 0.0000002 + 0.00005333344 + 12 WCU 0.0000075 + S3 0.0001138
            video,          baseline,       1,  1600.0, n/a, 0, 12, 43, 21, 0.00017483344,  1e-14
            # paper mode: 11 requests 0.0000022 + 2.0 s x 2 GB = 0.0000666668 + 23 WCU 0.000014375 + 10 RCU 0.00000125
            # + S3 0.0001138
            video,          baseline-paper, 11, 2000.0, n/a, 10, 23, 43, 21, 0.0001982918,  1e-14
            """)
    void aRunCostsWhatTheTableSays(String workload, String variant, long invocations, double invocationMs,
                                   String durableOperations, double rcu, double wcu, long s3Calls, long s3Puts,
                                   double expected, double tolerance) {
        long operations = durableOperations.equals("n/a") ? NA : Long.parseLong(durableOperations);
        assertThat(PRICES.costOf(run(workload, variant, invocations, invocationMs, operations, rcu, wcu, s3Calls, s3Puts)))
                .isCloseTo(expected, within(tolerance));
    }

    @Test
    void theNoOpAndWhatWasNotMeasuredCostNothing() {
        assertThat(PRICES.costOf(run("noop", "noop", 1, 1.0, 0, 0, 0, 0, 0))).isZero();
        // a run that failed before anything was measured: n/a invocations, time and operations
        assertThat(PRICES.costOf(run("counter-batch", "durable", NA, NA, NA, 0, 0, 0, 0))).isZero();
    }

    private static RunRecord run(String workload, String variant, long invocations, double invocationMs,
                                 long durableOperations, double rcu, double wcu, long s3Calls, long s3Puts) {
        return new RunRecord(workload, variant, "mode", "main", 0, 0, 0, 0, "2026-12-05T00:00:00Z", 1, 1, invocationMs,
                NA, NA, true, "", 0, 0, invocations, 0, Map.of(), rcu, wcu, s3Calls, s3Calls - s3Puts, s3Puts, 0, NA,
                durableOperations, NA, NA, 0);
    }
}
