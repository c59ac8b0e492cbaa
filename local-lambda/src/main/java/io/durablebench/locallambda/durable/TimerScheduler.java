package io.durablebench.locallambda.durable;

import java.time.Instant;

/**
 * Per-execution timers under a key ({@code wait:<id>}, {@code retry:<id>}, {@code reinvoke}, ...):
 * arming a key replaces the timer it had, a fired timer leaves the execution's table before its
 * task runs, and a closed execution's timers are all cancelled. Due times are on the
 * {@link ServiceClock}, so with time skipping a skippable timer fires at once.
 */
record TimerScheduler(ServiceClock clock, ServiceThreads threads) {
    /** Schedules {@code task} at {@code due} under {@code key}, replacing a timer with that key. */
    void schedule(DurableExecution exec, String key, Instant due, boolean skippable, Runnable task) {
        exec.cancelTimer(key);
        long delay = clock.arm(due, skippable);
        Runnable guarded = () -> {
            exec.lock.lock();
            try {
                exec.timers.remove(key);
            } finally {
                exec.lock.unlock();
            }
            task.run();
        };
        exec.timers.put(key, threads.schedule(guarded, delay));
    }

    /** Arms {@code key} unless a timer with that key is armed already. */
    void scheduleOnce(DurableExecution exec, String key, Instant due, boolean skippable, Runnable task) {
        if (!exec.timers.containsKey(key)) {
            schedule(exec, key, due, skippable, task);
        }
    }

    boolean armed(DurableExecution exec, String key) {
        return exec.timers.containsKey(key);
    }

    void cancel(DurableExecution exec, String key) {
        exec.cancelTimer(key);
    }
}
