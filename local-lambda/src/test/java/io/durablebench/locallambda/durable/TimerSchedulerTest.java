package io.durablebench.locallambda.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.locallambda.durable.model.ExecutionStatus;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keyed per-execution timers on the service clock, with real threads. */
class TimerSchedulerTest {
    private final ServiceThreads threads = new ServiceThreads();
    private final DurableExecution exec = new DurableExecution(new ExecutionHeader("arn:x/durable-execution/n/id", "f",
            "$LATEST", "n", "id", Instant.now(), null, ExecutionStatus.RUNNING, null, null, 60, null, null, true, 0));

    @AfterEach
    void stopThreads() {
        threads.close();
    }

    @Test
    void aSkippableTimerFiresAtOnceWithTimeSkippingAndTheClockJumpsToItsDueTime() throws Exception {
        ServiceClock clock = new ServiceClock(true);
        TimerScheduler timers = new TimerScheduler(clock, threads);
        Instant due = clock.now().plusSeconds(3600);
        CountDownLatch fired = new CountDownLatch(1);
        List<Boolean> armedWhenRun = new CopyOnWriteArrayList<>();
        timers.schedule(exec, "wait:a", due, true, () -> {
            armedWhenRun.add(timers.armed(exec, "wait:a"));
            fired.countDown();
        });
        assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(armedWhenRun).containsExactly(false);
        assertThat(clock.now()).isAfterOrEqualTo(due);
    }

    @Test
    void aNonSkippableTimerWaitsInRealTimeAndReArmingAKeyReplacesIt() throws Exception {
        ServiceClock clock = new ServiceClock(true);
        TimerScheduler timers = new TimerScheduler(clock, threads);
        Instant before = clock.now();
        List<String> ran = new CopyOnWriteArrayList<>();
        timers.schedule(exec, "timeout", before.plusSeconds(3600), false, () -> ran.add("first"));
        assertThat(timers.armed(exec, "timeout")).isTrue();
        assertThat(clock.now()).isBefore(before.plusSeconds(60));
        CountDownLatch second = new CountDownLatch(1);
        timers.schedule(exec, "timeout", before, false, () -> {
            ran.add("second");
            second.countDown();
        });
        assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly("second");
    }

    @Test
    void scheduleOnceKeepsTheArmedTimerAndCancelStopsIt() throws Exception {
        ServiceClock clock = new ServiceClock(false);
        TimerScheduler timers = new TimerScheduler(clock, threads);
        List<String> ran = new CopyOnWriteArrayList<>();
        timers.scheduleOnce(exec, "cbt:x", clock.now().plusSeconds(3600), false, () -> ran.add("late"));
        timers.scheduleOnce(exec, "cbt:x", clock.now(), false, () -> ran.add("now"));
        timers.cancel(exec, "cbt:x");
        assertThat(timers.armed(exec, "cbt:x")).isFalse();
        CountDownLatch marker = new CountDownLatch(1);
        timers.schedule(exec, "other", clock.now(), false, marker::countDown);
        assertThat(marker.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).isEmpty();
    }
}
