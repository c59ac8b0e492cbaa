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
 */
public record DurableCounts(long executions, long invocations, long checkpointCalls, long operations, long updates,
                            long payloadBytes, double invocationMs, double operationMs) {
    public static final DurableCounts NONE = new DurableCounts(0, 0, 0, 0, 0, 0, 0, 0);

    public DurableCounts withOperationMs(double ms) {
        return new DurableCounts(executions, invocations, checkpointCalls, operations, updates, payloadBytes,
                invocationMs, ms);
    }

    /** Adds a child execution's counts; the root's operation time stays the root's. */
    public DurableCounts plusChild(DurableCounts o) {
        return new DurableCounts(executions + o.executions, add(invocations, o.invocations),
                add(checkpointCalls, o.checkpointCalls), add(operations, o.operations), add(updates, o.updates),
                add(payloadBytes, o.payloadBytes), invocationMs + o.invocationMs, operationMs);
    }

    private static long add(long a, long b) {
        return a < 0 || b < 0 ? RunRecord.NOT_AVAILABLE : a + b;
    }
}
