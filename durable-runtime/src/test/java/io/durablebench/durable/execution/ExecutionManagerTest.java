package io.durablebench.durable.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The decision to end an invocation: PENDING, deadlock, or keep going. */
class ExecutionManagerTest {
    private final Object lock = new Object();
    private final AtomicBoolean checkpointsIdle = new AtomicBoolean(true);
    private final ExecutionManager execution = new ExecutionManager(lock, checkpointsIdle::get, () -> { }, new TimingRecorder());

    @AfterEach
    void close() {
        execution.finish(new Outcome.Retry(new IllegalStateException("test over")));
        execution.close();
    }

    static final ServerWait TIMER = new ServerWait("wait-1", Instant.now().plusSeconds(60));

    /** Blocks (at most 10 s, as a guard against a hang, never as a measurement) until {@code condition} holds. */
    private void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            synchronized (lock) {
                if (condition.getAsBoolean()) {
                    return;
                }
            }
            assertThat(System.nanoTime()).as("condition within the guard time").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private void waitForTheService() {
        execution.awaitUntil(() -> false, TIMER);
    }

    @Test
    void aThreadWaitingOnlyForTheServiceSuspendsTheInvocation() {
        execution.startThread(this::waitForTheService);
        assertThat(execution.awaitOutcome()).isInstanceOf(Outcome.Pending.class);
    }

    @Test
    void waitingForSomethingOnlyThisProcessCouldDoIsADeadlockNotPending() {
        execution.startThread(() -> execution.awaitUntil(() -> false, null));
        Outcome outcome = execution.awaitOutcome();
        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) outcome).error().errorType()).isEqualTo("DurableRuntimeDeadlock");
    }

    @Test
    void anotherRunningThreadKeepsTheInvocationGoing() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        execution.startThread(() -> {
            try {
                busy.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        execution.startThread(this::waitForTheService);
        eventually(() -> execution.pendingServerWaits().size() == 1);
        synchronized (lock) {
            execution.evaluate();
            assertThat(execution.ended()).as("one thread still runs").isFalse();
        }
        busy.countDown();
        assertThat(execution.awaitOutcome()).isInstanceOf(Outcome.Pending.class);
    }

    @Test
    void aCheckpointQueuedOrInFlightKeepsTheInvocationGoing() throws Exception {
        checkpointsIdle.set(false);
        execution.startThread(this::waitForTheService);
        eventually(() -> execution.pendingServerWaits().size() == 1);
        synchronized (lock) {
            execution.evaluate();
            assertThat(execution.ended()).as("the service has not answered yet").isFalse();
            checkpointsIdle.set(true);
            execution.evaluate();
            assertThat(execution.ended()).isTrue();
        }
        assertThat(execution.awaitOutcome()).isInstanceOf(Outcome.Pending.class);
    }

    @Test
    void aWaiterWhoseConditionAlreadyHoldsIsNotSuspended() throws Exception {
        CountDownLatch holder = new CountDownLatch(1);
        AtomicBoolean flag = new AtomicBoolean();
        AtomicInteger checks = new AtomicInteger();
        AtomicBoolean continued = new AtomicBoolean();
        execution.startThread(() -> {
            try {
                holder.await(); // keeps the invocation running while the others register
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        execution.startThread(this::waitForTheService);
        execution.startThread(() -> {
            execution.awaitUntil(() -> {
                checks.incrementAndGet();
                return flag.get();
            }, null);
            continued.set(true);
        });
        // the second check happens after the waiter is registered
        eventually(() -> execution.pendingServerWaits().size() == 1 && checks.get() >= 2);
        flag.set(true); // true, but nobody has woken that waiter to see it
        holder.countDown(); // the holder's end evaluates: one waiter can go on, so no suspension yet
        assertThat(execution.awaitOutcome()).isInstanceOf(Outcome.Pending.class);
        assertThat(continued).as("the ready waiter ran on before the invocation suspended").isTrue();
    }

    @Test
    void theEndUnwindsWaitingThreadsWithASignalUserCodeCannotCatchAsAnException() throws Exception {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        CountDownLatch unwound = new CountDownLatch(1);
        execution.startThread(() -> {
            try {
                waitForTheService();
            } catch (Exception swallowed) {
                seen.set(swallowed);
            } catch (SuspendSignal s) {
                seen.set(s);
                throw s;
            } finally {
                unwound.countDown();
            }
        });
        execution.awaitOutcome();
        assertThat(unwound.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.get()).isInstanceOf(SuspendSignal.class);
        assertThatThrownBy(() -> execution.startThread(() -> { })).isInstanceOf(SuspendSignal.class);
    }

    @Test
    void aThreadThatThrowsFailsTheExecutionAndAnErrorCrashesTheInvocation() {
        execution.startThread(() -> {
            throw new IllegalArgumentException("bad input");
        });
        Outcome failed = execution.awaitOutcome();
        assertThat(failed).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) failed).error().errorMessage()).isEqualTo("bad input");

        ExecutionManager other = new ExecutionManager(new Object(), () -> true, () -> { }, new TimingRecorder());
        other.startThread(() -> {
            throw new OutOfMemoryError("played");
        });
        assertThat(other.awaitOutcome()).isInstanceOf(Outcome.Crashed.class);
        other.close();
    }

    @Test
    void replayModeEndsForGoodAtTheFirstOperationNotInTheLog() {
        execution.replayFrom(1);
        assertThat(execution.isReplaying()).as("only the EXECUTION record").isFalse();
        execution.replayFrom(3);
        assertThat(execution.isReplaying()).isTrue();
        execution.executing();
        assertThat(execution.isReplaying()).isFalse();
    }
}
