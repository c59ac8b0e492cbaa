package io.durablebench.durable.execution;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.lambda.model.ErrorObject;

/**
 * The threads of one invocation and the decision to end it.
 *
 * <p>User code runs on threads started here (the handler, async operations, map items, parallel
 * branches). A thread is <em>active</em> while it can make progress; it stops counting while it
 * waits ({@link #awaitUntil}) for something. When no thread is active, the checkpoint pipeline is
 * idle (nothing queued or in flight) and no waiter's condition already holds, nothing in this
 * process can progress: if some waiter waits for the service (a wait timer, a retry delay, a
 * callback, a chained invoke) the invocation ends PENDING and Lambda invokes the function again
 * later; otherwise it is a deadlock and the execution fails with a clear error.
 *
 * <p>All state is guarded by the invocation's lock, which the checkpoint manager shares: the
 * decision needs a consistent view of both.
 */
final class ExecutionManager {
    private final Object lock;
    private final BooleanSupplier checkpointsIdle;
    private final Runnable serverWaitBegan;
    private final TimingRecorder timings;
    /**
     * Threads for user code, shared by the invocations of this JVM: an invocation that starts many
     * async operations reuses the threads of earlier ones instead of creating new ones. Daemons, so
     * a thread still unwinding after its invocation ended keeps no JVM alive.
     */
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "durable-" + THREAD_NUMBER.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final Set<Waiter> waiters = new LinkedHashSet<>();
    private int active;
    private Outcome outcome;
    private boolean replaying;

    /** Something a thread waits for; {@code serverWait} is set when only the service can make it true. */
    private record Waiter(BooleanSupplier condition, ServerWait serverWait) {
        boolean ready() {
            return condition.getAsBoolean();
        }
    }

    /**
     * @param lock            the invocation's lock
     * @param checkpointsIdle whether no update is queued or in flight (called under the lock)
     * @param serverWaitBegan told, under the lock, when a thread starts waiting for the service
     * @param timings         where the hand-off to a new thread is added up
     */
    ExecutionManager(Object lock, BooleanSupplier checkpointsIdle, Runnable serverWaitBegan, TimingRecorder timings) {
        this.lock = lock;
        this.checkpointsIdle = checkpointsIdle;
        this.serverWaitBegan = serverWaitBegan;
        this.timings = timings;
    }

    /** Replay mode (for the logger): on while the log held more than the EXECUTION record when user code began. */
    void replayFrom(int loggedOperations) {
        synchronized (lock) {
            replaying = loggedOperations > 1;
        }
    }

    boolean isReplaying() {
        synchronized (lock) {
            return replaying;
        }
    }

    /** The first operation that is not already finished in the log ends replay (for good). */
    void executing() {
        synchronized (lock) {
            replaying = false;
        }
    }

    /** Runs {@code body} on a new thread of this invocation; it counts as active from now on. */
    void startThread(Runnable body) {
        synchronized (lock) {
            if (outcome != null) {
                throw new SuspendSignal("the invocation has ended");
            }
            active++;
        }
        long submitted = System.nanoTime();
        THREADS.execute(() -> {
            timings.handOff(System.nanoTime() - submitted);
            try {
                body.run();
            } catch (SuspendSignal ended) {
                // the invocation is over; this thread just unwinds
            } catch (AssertionError unexpected) {
                finish(new Outcome.Failed(Errors.of(unexpected)));
            } catch (Error fatal) {
                // not a failure of the workflow: the invocation dies (Lambda retries it)
                finish(new Outcome.Crashed(fatal));
            } catch (Throwable unexpected) {
                finish(new Outcome.Failed(Errors.of(unexpected)));
            } finally {
                synchronized (lock) {
                    active--;
                    lock.notifyAll();
                    evaluate();
                }
            }
        });
    }

    /** Wakes waiters whose condition depends on something other than the log (e.g. a map item finishing). */
    void signal() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /**
     * Blocks the calling thread until {@code condition} holds. While blocked the thread is not
     * active. Throws {@link SuspendSignal} if the invocation ends meanwhile.
     *
     * @param serverWait what the service must do for the condition to hold; null when this process can make it hold
     */
    void awaitUntil(BooleanSupplier condition, ServerWait serverWait) {
        synchronized (lock) {
            checkOpen();
            if (condition.getAsBoolean()) {
                return;
            }
            Waiter w = new Waiter(condition, serverWait);
            waiters.add(w);
            active--;
            if (serverWait != null) {
                serverWaitBegan.run();
            }
            if (serverWait != null || active == 0) {
                lock.notifyAll(); // the sender may need to schedule a poll, or send what nobody else will
            }
            try {
                while (true) {
                    checkOpen();
                    if (condition.getAsBoolean()) {
                        return;
                    }
                    evaluate();
                    checkOpen();
                    lock.wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SuspendSignal("interrupted");
            } finally {
                waiters.remove(w);
                active++;
            }
        }
    }

    /** Throws {@link SuspendSignal} once the invocation has ended. Call under the lock. */
    void checkOpen() {
        if (outcome != null) {
            throw new SuspendSignal("the invocation has ended (" + outcome.getClass().getSimpleName() + ")");
        }
    }

    boolean ended() {
        return outcome != null;
    }

    /** Whether some thread can still make progress (is not waiting). Call under the lock. */
    boolean anyThreadActive() {
        return active > 0;
    }

    /** The service waits of threads whose condition does not hold yet. Call under the lock. */
    List<ServerWait> pendingServerWaits() {
        List<ServerWait> pending = new ArrayList<>();
        for (Waiter w : waiters) {
            if (w.serverWait() != null && !w.ready()) {
                pending.add(w.serverWait());
            }
        }
        return pending;
    }

    /** Decides, under the lock, whether nothing can progress any more. */
    void evaluate() {
        if (outcome != null || active > 0 || !checkpointsIdle.getAsBoolean()) {
            return;
        }
        boolean serverPending = false;
        for (Waiter w : waiters) {
            if (w.ready()) {
                return;
            }
            serverPending |= w.serverWait() != null;
        }
        if (waiters.isEmpty()) {
            return; // every thread finished; the handler thread decides the outcome
        }
        if (serverPending) {
            end(new Outcome.Pending());
        } else {
            end(new Outcome.Failed(Errors.of("DurableRuntimeDeadlock", "every thread of the handler waits, "
                    + "but nothing it waits for can be completed by the service (" + waiters.size() + " waiting)")));
        }
    }

    /** Fails the execution (for example on non-determinism), whatever user code does with the exception. */
    void failExecution(ErrorObject error) {
        finish(new Outcome.Failed(error));
    }

    /** Ends the invocation with {@code o} unless it already ended. */
    void finish(Outcome o) {
        synchronized (lock) {
            end(o);
        }
    }

    /** {@link #finish} for a caller that holds the lock. */
    void end(Outcome o) {
        if (outcome == null) {
            outcome = o;
            lock.notifyAll();
        }
    }

    Outcome awaitOutcome() {
        synchronized (lock) {
            while (outcome == null) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Outcome.Retry(new IllegalStateException("interrupted while waiting for the handler"));
                }
            }
            return outcome;
        }
    }

    /** Nothing to release: the threads are shared, and those of this invocation unwind on their own. */
    void close() {
        // kept for the invocation's life cycle; see THREADS
    }
}
