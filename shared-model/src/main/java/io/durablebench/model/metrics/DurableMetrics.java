package io.durablebench.model.metrics;

/**
 * What a durable invocation asked of Lambda's durable execution service, as counted by the runtime.
 *
 * @param checkpointCalls     CheckpointDurableExecution calls (including empty polls)
 * @param stateCalls          GetDurableExecutionState calls (paging the log)
 * @param operationUpdates    operation updates sent in those checkpoints
 * @param checkpointBytes     payload and error bytes carried by those updates
 * @param replayedOperations  durable operations answered from the log without running user code
 * @param executedOperations  durable operations that ran (or started) in this invocation
 */
public record DurableMetrics(long checkpointCalls, long stateCalls, long operationUpdates, long checkpointBytes,
                             long replayedOperations, long executedOperations) {
    public static final DurableMetrics NONE = new DurableMetrics(0, 0, 0, 0, 0, 0);

    public DurableMetrics plus(DurableMetrics o) {
        return new DurableMetrics(checkpointCalls + o.checkpointCalls, stateCalls + o.stateCalls,
                operationUpdates + o.operationUpdates, checkpointBytes + o.checkpointBytes,
                replayedOperations + o.replayedOperations, executedOperations + o.executedOperations);
    }
}
