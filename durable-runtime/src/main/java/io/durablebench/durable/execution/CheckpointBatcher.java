package io.durablebench.durable.execution;

import io.durablebench.durable.exception.PayloadTooLargeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;

/**
 * The ordered queue of operation updates waiting for a checkpoint call, and the rules that cut it
 * into calls: at most {@code maxUpdates} updates and about {@code maxBytes} bytes of payloads and
 * errors per call (an update larger than that still goes, alone), and no update over the service's
 * per-operation limit at all. Order is kept: the service needs a parent context's START before
 * its children's updates.
 *
 * <p>When the queue is due: an update a thread waits for (a step's SUCCEED, a callback's START) is
 * due at once, or after the configured gathering delay; an update nobody waits for (an at-least-once
 * step's START, a context's START) waits for company: it goes with the next call made for another
 * reason, at once when every thread of the invocation waits (nothing else would send it), and at the
 * latest {@link #MAX_DEFERRAL} after it arrived. So a step's START and SUCCEED travel in one call
 * while no call waits idle. Times are the caller's monotonic nanoseconds, so the rules can be checked
 * without waiting. Not thread-safe: the invocation's lock guards it.
 */
final class CheckpointBatcher {
    /** The service's limit for one operation's payload. */
    static final int MAX_OPERATION_PAYLOAD_BYTES = 262_144;
    /** The longest an update nobody waits for is held back to share a call. */
    static final Duration MAX_DEFERRAL = Duration.ofSeconds(1);
    private static final long NONE = Long.MAX_VALUE;

    /** An update waiting for its call, with the future its senders wait on. */
    static final class QueuedUpdate {
        static final long NOT_AWAITED = Long.MAX_VALUE;
        private final OperationUpdate update;
        private final CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        private final long bytes;
        private final long queuedAtNanos;
        private long awaitedSinceNanos = NOT_AWAITED;
        private long acknowledgedAtNanos;

        QueuedUpdate(OperationUpdate update, long bytes, long queuedAtNanos) {
            this.update = update;
            this.bytes = bytes;
            this.queuedAtNanos = queuedAtNanos;
        }

        OperationUpdate update() {
            return update;
        }

        CompletableFuture<Void> acknowledged() {
            return acknowledged;
        }

        long bytes() {
            return bytes;
        }

        long queuedAtNanos() {
            return queuedAtNanos;
        }

        /** Since when a thread waits for this update's acknowledgement; {@link #NOT_AWAITED} while none does. */
        long awaitedSinceNanos() {
            return awaitedSinceNanos;
        }

        /** A thread waits for this update from {@code nowNanos} on (the earliest such moment counts). */
        void awaited(long nowNanos) {
            awaitedSinceNanos = Math.min(awaitedSinceNanos, nowNanos);
        }

        long acknowledgedAtNanos() {
            return acknowledgedAtNanos;
        }

        void acknowledge(long nowNanos) {
            acknowledgedAtNanos = nowNanos;
            acknowledged.complete(null);
        }
    }

    private final Deque<QueuedUpdate> queue = new ArrayDeque<>();
    private final int maxUpdates;
    private final long maxBytes;
    private final long delayNanos;
    /** From when a queued update has been waited for (the gathering delay counts from here); NONE if none is. */
    private long awaitedFromNanos = NONE;

    CheckpointBatcher(int maxUpdates, long maxBytes, Duration delay) {
        if (maxUpdates < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("a checkpoint call must be allowed at least one update and one byte; got "
                    + maxUpdates + " updates, " + maxBytes + " bytes");
        }
        this.maxUpdates = maxUpdates;
        this.maxBytes = maxBytes;
        this.delayNanos = delay == null ? 0 : delay.toNanos();
    }

    /**
     * What an update weighs against the per-call limit (its payload and error texts in UTF-8), after
     * refusing one whose payload the service would refuse.
     *
     * @throws PayloadTooLargeException naming the operation and both sizes
     */
    static long checkedBytes(OperationUpdate u) {
        long payload = utf8(u.payload());
        if (payload > MAX_OPERATION_PAYLOAD_BYTES) {
            throw new PayloadTooLargeException(u.type() + " payload of operation " + describe(u) + " is "
                    + payload + " bytes; the service accepts at most " + MAX_OPERATION_PAYLOAD_BYTES);
        }
        return payload + (u.error() == null ? 0 : utf8(u.error().errorMessage()) + utf8(u.error().errorType())
                + utf8(u.error().errorData()));
    }

    /** Queues {@code update}, which weighs {@code bytes} ({@link #checkedBytes}), at time {@code nowNanos}. */
    QueuedUpdate add(OperationUpdate update, long bytes, long nowNanos) {
        QueuedUpdate q = new QueuedUpdate(update, bytes, nowNanos);
        queue.add(q);
        return q;
    }

    /** A thread waits for {@code q}'s acknowledgement from {@code nowNanos} on. */
    void awaited(QueuedUpdate q, long nowNanos) {
        q.awaited(nowNanos);
        awaitedFromNanos = Math.min(awaitedFromNanos, nowNanos);
    }

    /** Every queued update is now waited for (someone waits until the queue is empty). */
    void awaitAll(long nowNanos) {
        for (QueuedUpdate q : queue) {
            awaited(q, nowNanos);
        }
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return queue.size();
    }

    /**
     * When the queue must be sent: the gathering delay after a thread began waiting for one of its
     * updates; for updates nobody waits for, {@link #MAX_DEFERRAL} after the oldest arrived, or at once
     * when {@code everyThreadWaits}; MAX_VALUE when empty.
     */
    long dueAtNanos(boolean everyThreadWaits) {
        if (queue.isEmpty()) {
            return Long.MAX_VALUE;
        }
        long oldest = queue.peek().queuedAtNanos();
        long due = everyThreadWaits ? oldest : oldest + MAX_DEFERRAL.toNanos();
        if (awaitedFromNanos != NONE) {
            due = Math.min(due, awaitedFromNanos + delayNanos);
        }
        return due;
    }

    /**
     * Takes the next call's updates from the head of the queue, within the count and byte limits.
     * What stays behind and is waited for is due a full delay after {@code nowNanos}.
     */
    List<QueuedUpdate> take(long nowNanos) {
        List<QueuedUpdate> batch = new ArrayList<>();
        long bytes = 0;
        while (!queue.isEmpty() && batch.size() < maxUpdates
                && (batch.isEmpty() || bytes + queue.peek().bytes() <= maxBytes)) {
            QueuedUpdate q = queue.poll();
            bytes += q.bytes();
            batch.add(q);
        }
        awaitedFromNanos = NONE;
        for (QueuedUpdate q : queue) {
            if (q.awaitedSinceNanos() != QueuedUpdate.NOT_AWAITED) {
                awaitedFromNanos = nowNanos; // what stays behind waits a full delay from this call
                break;
            }
        }
        return batch;
    }

    private static long utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String describe(OperationUpdate u) {
        return u.name() == null ? u.id() : "\"" + u.name() + "\" (" + u.id() + ")";
    }
}
