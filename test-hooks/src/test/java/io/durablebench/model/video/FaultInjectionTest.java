package io.durablebench.model.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FaultInjectionTest {

    @Test
    void probabilityZeroNeverFailsAndOneAlwaysFails() {
        for (int chunk = 0; chunk < 100; chunk++) {
            assertThat(FaultInjection.NONE.chunkAttemptFails("job", chunk, 1)).isFalse();
            assertThat(new FaultInjection(1, 5, null).chunkAttemptFails("job", chunk, 1)).isTrue();
        }
    }

    @Test
    void failsAboutTheRequestedFractionOfAttempts() {
        FaultInjection faults = new FaultInjection(0.3, 42, null);
        int failed = 0;
        int n = 20_000;
        for (int chunk = 0; chunk < n / 4; chunk++) {
            for (int attempt = 1; attempt <= 4; attempt++) {
                if (faults.chunkAttemptFails("job-1", chunk, attempt)) {
                    failed++;
                }
            }
        }
        // 20,000 draws: the standard deviation of the fraction is 0.0032, so +-0.02 is over 6 sigma.
        assertThat((double) failed / n).isBetween(0.28, 0.32);
    }

    @Test
    void theSameInputsGiveTheSameAnswerAndOtherSeedsOtherPatterns() {
        FaultInjection a = new FaultInjection(0.5, 1, null);
        FaultInjection sameSeed = new FaultInjection(0.5, 1, CrashPoint.MID_ENCODE);
        FaultInjection otherSeed = new FaultInjection(0.5, 2, null);
        StringBuilder first = new StringBuilder();
        StringBuilder again = new StringBuilder();
        StringBuilder other = new StringBuilder();
        StringBuilder otherJob = new StringBuilder();
        for (int chunk = 0; chunk < 64; chunk++) {
            first.append(a.chunkAttemptFails("j", chunk, 1) ? 'x' : '.');
            again.append(sameSeed.chunkAttemptFails("j", chunk, 1) ? 'x' : '.');
            other.append(otherSeed.chunkAttemptFails("j", chunk, 1) ? 'x' : '.');
            otherJob.append(a.chunkAttemptFails("k", chunk, 1) ? 'x' : '.');
        }
        assertThat(again.toString()).isEqualTo(first.toString());
        assertThat(other.toString()).isNotEqualTo(first.toString());
        assertThat(otherJob.toString()).isNotEqualTo(first.toString());
        // A retry of a failed attempt is a new draw, so a chunk is not doomed to fail forever.
        int chunk = first.indexOf("x");
        boolean someRetrySucceeds = false;
        for (int attempt = 2; attempt < 20; attempt++) {
            someRetrySucceeds |= !a.chunkAttemptFails("j", chunk, attempt);
        }
        assertThat(someRetrySucceeds).isTrue();
    }

    @Test
    void refusesProbabilitiesOutsideZeroToOne() {
        assertThatThrownBy(() -> new FaultInjection(1.01, 0, null)).hasMessageContaining("0..1");
        assertThatThrownBy(() -> new FaultInjection(Double.NaN, 0, null)).hasMessageContaining("0..1");
    }
}
