package io.durablebench.video.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.model.video.FaultInjection;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The second implementation of the injected-failure rule: its parts against the algorithms'
 * published reference outputs, its failures at the stated frequency, and the functions' own
 * decision ({@link FaultInjection#chunkAttemptFails}) agreeing with it everywhere on a grid.
 */
class InjectedFailureRuleTest {
    @Test
    void fnv1a64MatchesTheReferenceVectors() {
        // from the FNV reference test suite (Fowler, Noll, Vo): "", "a", "foobar"
        assertThat(InjectedFailureRule.fnv1a64("")).isEqualTo(new BigInteger("cbf29ce484222325", 16));
        assertThat(InjectedFailureRule.fnv1a64("a")).isEqualTo(new BigInteger("af63dc4c8601ec8c", 16));
        assertThat(InjectedFailureRule.fnv1a64("foobar")).isEqualTo(new BigInteger("85944171f73967e8", 16));
    }

    @Test
    void splitMixOutputMatchesTheReferenceGenerator() {
        // SplitMix64 seeded with 0 outputs F(k * 0x9e3779b97f4a7c15) for k = 1, 2, 3
        BigInteger gamma = new BigInteger("9e3779b97f4a7c15", 16);
        BigInteger mod = BigInteger.ONE.shiftLeft(64);
        String[] expected = {"e220a8397b1dcdaf", "6e789e6aa1b965f4", "06c45d188009454f"};
        for (int k = 1; k <= 3; k++) {
            assertThat(InjectedFailureRule.splitMixOutput(gamma.multiply(BigInteger.valueOf(k)).mod(mod)))
                    .isEqualTo(new BigInteger(expected[k - 1], 16));
        }
    }

    @Test
    void failuresComeAtTheStatedFrequencyAndNotAtTheExtremes() {
        int failed = 0;
        int draws = 0;
        for (int job = 0; job < 50; job++) {
            for (int chunk = 0; chunk < 50; chunk++) {
                for (int attempt = 1; attempt <= 8; attempt++) {
                    failed += InjectedFailureRule.fails(0.3, 42, "job-" + job, chunk, attempt) ? 1 : 0;
                    draws++;
                    assertThat(InjectedFailureRule.fails(0, 42, "job-" + job, chunk, attempt)).isFalse();
                    assertThat(InjectedFailureRule.fails(1, 42, "job-" + job, chunk, attempt)).isTrue();
                }
            }
        }
        // 20,000 fixed draws: a binomial standard deviation is 0.0032, the bound is more than 4 of them
        assertThat((double) failed / draws).isBetween(0.285, 0.315);
    }

    @Test
    void theFunctionsDecideExactlyAsTheRuleSays() {
        int disagreements = 0;
        int failures = 0;
        for (long seed : new long[] {0, 7, 42, -1, Long.MIN_VALUE}) {
            for (String job : new String[] {"j", "lt-v-main-in-2c-50p-s7-r0", "job-é-ü", "x".repeat(200)}) {
                for (double p : new double[] {0.1, 0.5, 0.9}) {
                    FaultInjection f = new FaultInjection(p, seed, null);
                    for (int chunk = 0; chunk < 20; chunk++) {
                        for (int attempt = 1; attempt <= 8; attempt++) {
                            boolean expected = InjectedFailureRule.fails(p, seed, job, chunk, attempt);
                            failures += expected ? 1 : 0;
                            disagreements += expected == f.chunkAttemptFails(job, chunk, attempt) ? 0 : 1;
                        }
                    }
                }
            }
        }
        assertThat(failures).as("the grid has failures to agree on").isGreaterThan(1000);
        assertThat(disagreements).isZero();
    }
}
