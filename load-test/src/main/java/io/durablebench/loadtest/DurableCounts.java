package io.durablebench.loadtest;

/**
 * What a durable execution cost the service, whole: the execution and the child executions it
 * started. A figure the source cannot give is {@link RunRecord#NOT_AVAILABLE}.
 *
 * @param executions       executions counted
 * @param invocations      handler invocations, first runs and replays
 * @param checkpointCalls  CheckpointDurableExecution calls
 * @param operations       durable operations created (the EXECUTION operation not included)
 * @param updates          operation updates applied
 * @param payloadBytes     checkpointed payload and error bytes
 * @param invocationMs     time spent in handler invocations (InvocationCompleted start to end, from the
 *                         histories), all executions
 * @param operationMs      time inside the root execution's top-level durable operations, summed over its
 *                         invocations, as the durable runtime measures it (its per-invocation metrics lines);
 *                         n/a where the target's function logs cannot be read
 * @param maxOperations    the most operations any one of the executions created: what Lambda's limit of
 *                         operations per execution applies to
 * @param maxPayloadBytes  the most payload and error bytes any one of them checkpointed: what the limit of
 *                         checkpointed bytes per execution applies to
 */
public record DurableCounts(long executions, long invocations, long checkpointCalls, long operations, long updates,
                            long payloadBytes, double invocationMs, double operationMs, long maxOperations,
                            long maxPayloadBytes) {
    public static final DurableCounts NONE = new DurableCounts(0, 0, 0, 0, 0, 0, 0, 0);

    /** One execution's own counts: its maxima are its own figures. */
    public DurableCounts(long executions, long invocations, long checkpointCalls, long operations, long updates,
                         long payloadBytes, double invocationMs, double operationMs) {
        this(executions, invocations, checkpointCalls, operations, updates, payloadBytes, invocationMs, operationMs,
                operations, payloadBytes);
    }

    public DurableCounts withOperationMs(double ms) {
        return new DurableCounts(executions, invocations, checkpointCalls, operations, updates, payloadBytes,
                invocationMs, ms, maxOperations, maxPayloadBytes);
    }

    /** Adds a child execution's counts; the root's operation time stays the root's. */
    public DurableCounts plusChild(DurableCounts o) {
        return new DurableCounts(executions + o.executions, add(invocations, o.invocations),
                add(checkpointCalls, o.checkpointCalls), add(operations, o.operations), add(updates, o.updates),
                add(payloadBytes, o.payloadBytes), invocationMs + o.invocationMs, operationMs,
                max(maxOperations, o.maxOperations), max(maxPayloadBytes, o.maxPayloadBytes));
    }

    private static long max(long a, long b) {
        return a < 0 || b < 0 ? RunRecord.NOT_AVAILABLE : Math.max(a, b);
    }

    private static long add(long a, long b) {
        return a < 0 || b < 0 ? RunRecord.NOT_AVAILABLE : a + b;
    }
}
