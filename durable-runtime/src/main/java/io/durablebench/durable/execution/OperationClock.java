package io.durablebench.durable.execution;

import java.util.function.Supplier;

/**
 * The invocation's time inside top-level durable operations, on the runtime's monotonic clock: the wall
 * time during which at least one operation of the root context was in progress (from the call to its
 * result, checkpoint round trips included), overlapping operations counted once.
 *
 * <p>The service's history cannot give this figure: a step's START and SUCCEED often travel in one
 * checkpoint call (ADR 0005), so their events carry the same timestamp and the history measures how
 * updates were batched, not how long the step took.
 */
final class OperationClock {
    private int inside;
    private long since;
    private long total;

    <T> T time(Supplier<T> operation) {
        enter();
        try {
            return operation.get();
        } finally {
            exit();
        }
    }

    synchronized void enter() {
        if (inside++ == 0) {
            since = System.nanoTime();
        }
    }

    synchronized void exit() {
        if (--inside == 0) {
            total += System.nanoTime() - since;
        }
    }

    /** Nanoseconds inside operations so far, including an operation still in progress. */
    synchronized long totalNanos() {
        return inside > 0 ? total + (System.nanoTime() - since) : total;
    }
}
