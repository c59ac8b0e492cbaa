package io.durablebench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reduced concurrency run (the full one, 8 x 1,000, is {@code ReliabilityMain} under
 * {@code -Preliability}): 2 clients x 100 increments on one counter with 10 % duplicate deliveries,
 * on the baseline and on the durable entity; the final value is exact and every duplicate is
 * answered as one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrencyTest {
    @TempDir
    static Path dir;
    private CrashBed bed;

    @BeforeAll
    void start() {
        bed = CrashBed.start(dir, Map.of(), false);
    }

    @AfterAll
    void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void baselineCountsExactlyUnderConcurrencyAndDuplicates() {
        ConcurrencyRun.Result r = ConcurrencyRun.baseline(bed, "conc-baseline", 2, 100, 0.10, 11);
        System.out.println(r.tableRow());
        assertThat(r.duplicatesSent()).as("duplicates were delivered").isPositive();
        assertThat(r.finalValue()).isEqualTo(200);
        assertThat(r.wrongDuplicateAnswers()).isZero();
    }

    @Test
    void durableEntityCountsExactlyUnderConcurrencyAndDuplicates() {
        ConcurrencyRun.Result r = ConcurrencyRun.entity(bed, "conc-entity", 2, 100, 0.10, 11);
        System.out.println(r.tableRow());
        assertThat(r.duplicatesSent()).isPositive();
        assertThat(r.finalValue()).isEqualTo(200);
        assertThat(r.wrongDuplicateAnswers()).isZero();
    }
}
