package io.durablebench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

/** What a sweep of a workflow that must survive every crash shows. */
final class SweepChecks {
    private SweepChecks() {
    }

    /** Every crash point was reached, and every crashed run finished correct: nothing applied twice, nothing lost. */
    static void survivedEveryCrash(SweepSummary s) {
        assertThat(s.hit()).as("every crash point was reached: %s", s.runs()).isEqualTo(s.tried());
        assertThat(s.finishedCorrect()).as("%s", s.runs()).isEqualTo(s.tried());
        assertThat(s.duplicated()).isZero();
        assertThat(s.lost()).isZero();
    }
}
