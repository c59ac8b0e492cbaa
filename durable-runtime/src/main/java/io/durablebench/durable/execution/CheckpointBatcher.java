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
 * <p>When a configured gathering delay is set, the queue is due that long after its oldest update
 * arrived. Times are the caller's monotonic nanoseconds, so the rules can be checked without
 * waiting. Not thread-safe: the invocation's lock guards it.
 */
final class CheckpointBatcher {
    /** The service's limit for one operation's payload. */
    static final int MAX_OPERATION_PAYLOAD_BYTES = 262_144;

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
    private long dueFromNanos;

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
        if (queue.isEmpty()) {
            dueFromNanos = nowNanos;
        }
        QueuedUpdate q = new QueuedUpdate(update, bytes, nowNanos);
        queue.add(q);
        return q;
    }

    /** Every queued update is now waited for (someone waits until the queue is empty). */
    void awaitAll(long nowNanos) {
        for (QueuedUpdate q : queue) {
            q.awaited(nowNanos);
        }
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return queue.size();
    }

    /** When the queue should be sent: its oldest update's arrival plus the gathering delay; MAX_VALUE when empty. */
    long dueAtNanos() {
        return queue.isEmpty() ? Long.MAX_VALUE : dueFromNanos + delayNanos;
    }

    /**
     * Takes the next call's updates from the head of the queue, within the count and byte limits.
     * What stays behind is due a full delay after {@code nowNanos}.
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
        if (!queue.isEmpty()) {
            dueFromNanos = nowNanos;
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
