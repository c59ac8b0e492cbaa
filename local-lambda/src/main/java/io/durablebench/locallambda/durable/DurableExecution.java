package io.durablebench.locallambda.durable;

import io.durablebench.locallambda.durable.model.HistoryEvent;
import io.durablebench.locallambda.durable.model.Operation;
import io.durablebench.locallambda.durable.model.OperationStatus;
import io.durablebench.locallambda.durable.model.OperationType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One durable execution in memory: its persisted state (header, operations in start order,
 * history) and what only lives while the service runs (the invocation in flight and its token,
 * which operations the handler has seen, timers). Every access holds {@link #lock}.
 */
final class DurableExecution {
    final ReentrantLock lock = new ReentrantLock();
    ExecutionHeader header;
    final List<Operation> ops = new ArrayList<>();
    private final Map<String, Integer> opIndex = new HashMap<>();
    final List<HistoryEvent> events = new ArrayList<>();
    final ExecutionMetrics metrics = new ExecutionMetrics();

    /** Bumped on every operation change; {@link #touched} remembers each operation's last bump. */
    long seq;
    final Map<String, Long> touched = new HashMap<>();
    /** WAITs STARTED and STEPs PENDING: the operations a clock will move. */
    final Set<String> timedOps = new LinkedHashSet<>();
    Invocation invocation;
    CachedCheckpoint lastCheckpoint;
    final Map<String, Future<?>> timers = new HashMap<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** False until the execution's first journal record is durable. */
    boolean persisted;
    /** Set when persisting the first record failed: the execution does not exist. */
    boolean abandoned;

    DurableExecution(ExecutionHeader header) {
        this.header = header;
    }

    Operation op(String id) {
        Integer i = opIndex.get(id);
        return i == null ? null : ops.get(i);
    }

    /** The header, read under the lock. */
    ExecutionHeader headerLocked() {
        lock.lock();
        try {
            return header;
        } finally {
            lock.unlock();
        }
    }

    Operation executionOperation() {
        return op(header.executionId());
    }

    /** Applies a transaction that is already durable. */
    void commit(ExecutionTx tx) {
        header = tx.header;
        for (Operation op : tx.changed.values()) {
            upsert(op);
            if (!tx.invisible.contains(op.id())) {
                touched.put(op.id(), ++seq);
            }
        }
        events.addAll(tx.newEvents);
    }

    /** Restores persisted state (recovery); touches nothing. */
    void restore(Operation op) {
        upsert(op);
    }

    private void upsert(Operation op) {
        Integer i = opIndex.get(op.id());
        if (i == null) {
            opIndex.put(op.id(), ops.size());
            ops.add(op);
        } else {
            ops.set(i, op);
        }
        boolean timed = (op.type() == OperationType.WAIT && op.status() == OperationStatus.STARTED)
                || (op.type() == OperationType.STEP && op.status() == OperationStatus.PENDING);
        if (timed) {
            timedOps.add(op.id());
        } else {
            timedOps.remove(op.id());
        }
    }

    int nextEventId() {
        return events.size() + 1;
    }

    boolean isClosed() {
        return header.status().isClosed();
    }

    /** Operations changed after {@code seenSeq}, in start order. */
    List<Operation> changedSince(long seenSeq) {
        List<Operation> out = new ArrayList<>();
        for (Operation op : ops) {
            Long t = touched.get(op.id());
            if (t != null && t > seenSeq) {
                out.add(op);
            }
        }
        return out;
    }

    boolean hasChangesSince(long seenSeq) {
        for (Long t : touched.values()) {
            if (t > seenSeq) {
                return true;
            }
        }
        return false;
    }

    /** Whether something outside the handler will move the execution on (the emulator's rule for PENDING). */
    boolean hasPendingOperations() {
        for (Operation op : ops) {
            OperationStatus s = op.status();
            switch (op.type()) {
                case STEP -> {
                    if (s == OperationStatus.PENDING) {
                        return true;
                    }
                }
                case WAIT, CALLBACK, CHAINED_INVOKE -> {
                    if (s == OperationStatus.STARTED || s == OperationStatus.PENDING) {
                        return true;
                    }
                }
                default -> {
                }
            }
        }
        return false;
    }

    void cancelTimer(String key) {
        Future<?> f = timers.remove(key);
        if (f != null) {
            f.cancel(false);
        }
    }

    void cancelAllTimers() {
        timers.values().forEach(f -> f.cancel(false));
        timers.clear();
    }

    /** The handler invocation in flight: its one valid checkpoint token and what it has seen. */
    static final class Invocation {
        final String requestId;
        final Instant start;
        String token;
        int tokenSeq;
        long seenSeq;
        /** The operations of the last checkpoint response, when it was paged. */
        List<String> pagedDelta;
        int pagedDeltaTokenSeq;
        /** Work to start once this invocation has moved on (its next checkpoint call, or its end). */
        private final List<Runnable> onMovedOn = new ArrayList<>();

        void whenMovedOn(Runnable work) {
            onMovedOn.add(work);
        }

        /** The invocation made another call or ended: start what waited for it. */
        void movedOn() {
            List<Runnable> work = List.copyOf(onMovedOn);
            onMovedOn.clear();
            work.forEach(Runnable::run);
        }

        Invocation(String requestId, Instant start, String token, long seenSeq) {
            this.requestId = requestId;
            this.start = start;
            this.token = token;
            this.seenSeq = seenSeq;
        }
    }

    /** The last checkpoint answered, kept to answer a retry with the same ClientToken again. */
    record CachedCheckpoint(String clientToken, String inboundToken, byte[] response) {
    }
}
