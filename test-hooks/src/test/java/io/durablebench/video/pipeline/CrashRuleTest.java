package io.durablebench.video.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CrashRuleTest {
    @Test
    void midEncodeWaitsForTheFirstHalfRoundedUpByIndex() {
        assertThat(CrashRule.midEncodeChunks(1)).isEqualTo(1);
        assertThat(CrashRule.midEncodeChunks(4)).isEqualTo(2);
        assertThat(CrashRule.midEncodeChunks(5)).isEqualTo(3);
        assertThat(CrashRule.midEncodeReached(Set.of(0, 1), 4)).isTrue();
        assertThat(CrashRule.midEncodeReached(Set.of(0, 2, 3), 4)).as("chunk 1 missing").isFalse();
        assertThat(CrashRule.midEncodeReached(Set.of(0, 1, 2), 5)).isTrue();
        assertThat(CrashRule.midEncodeReached(Set.of(), 1)).isFalse();
    }
}
