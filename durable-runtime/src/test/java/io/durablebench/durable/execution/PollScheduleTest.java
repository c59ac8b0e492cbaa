package io.durablebench.durable.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the invocation polls the service for changes, with the jitter drawn by the test. */
class PollScheduleTest {
    @Test
    void nobodyWaitingForTheServiceMeansNoPoll() {
        assertThat(new PollSchedule(bound -> 0).nextPollAt(List.of(), 5_000)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aKnownDueTimeIsPolledFiftyMillisecondsAfterIt() {
        PollSchedule s = new PollSchedule(bound -> 0);
        ServerWait timer = new ServerWait("w", Instant.ofEpochMilli(20_000));
        assertThat(s.nextPollAt(List.of(timer), 5_000)).isEqualTo(20_050);
        s.answered(false, 20_060);
        // the due time has been polled past: from now on the backoff applies (1 s first, now doubled to 2 s)
        assertThat(s.nextPollAt(List.of(timer), 20_060)).isEqualTo(20_060 + 1_000);
    }

    @Test
    void anUnknownTimeIsPolledWithJitteredBackoffFromOneToTenSeconds() {
        PollSchedule low = new PollSchedule(bound -> 0);
        PollSchedule high = new PollSchedule(bound -> bound - 1);
        ServerWait callback = new ServerWait("cb", null);
        // never polled: due one delay (1 s) before now, at half to full of it
        assertThat(low.nextPollAt(List.of(callback), 100_000)).isEqualTo(99_000 + 500);
        assertThat(high.nextPollAt(List.of(callback), 100_000)).isEqualTo(99_000 + 500 + 500);
        long[] expected = {2_000, 4_000, 8_000, 10_000, 10_000};
        for (long delay : expected) {
            low.answered(false, 100_000);
            assertThat(low.delayMs()).isEqualTo(delay);
        }
        assertThat(low.nextPollAt(List.of(callback), 100_000)).isEqualTo(100_000 + 5_000);
        low.answered(true, 101_000);
        assertThat(low.delayMs()).as("a poll that brought changes resets the delay").isEqualTo(1_000);
        low.answered(false, 102_000);
        low.restart();
        assertThat(low.delayMs()).as("a new wait for the service starts at the first rate").isEqualTo(1_000);
    }

    @Test
    void theEarliestWaitDecides() {
        PollSchedule s = new PollSchedule(bound -> 0);
        assertThat(s.nextPollAt(List.of(new ServerWait("a", Instant.ofEpochMilli(9_000)),
                new ServerWait("b", Instant.ofEpochMilli(7_000))), 1_000)).isEqualTo(7_050);
    }
}
