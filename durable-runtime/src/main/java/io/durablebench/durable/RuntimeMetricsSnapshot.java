package io.durablebench.durable;

/**
 * What one invocation asked of the durable execution service, counted by the runtime.
 *
 * @param checkpointCalls    CheckpointDurableExecution calls, including empty polls
 * @param pollCalls          of those, empty polls made only to learn server-side changes
 * @param stateCalls         GetDurableExecutionState calls (paging the log)
 * @param operationUpdates   operation updates sent
 * @param checkpointBytes    bytes of payloads and errors carried by those updates
 * @param replayedOperations durable operations answered from the log
 * @param executedOperations durable operations run (or started) in this invocation
 * @param inOperationsNanos  wall time inside the root context's durable operations (from each call to its
 *                           result, overlaps counted once), on the runtime's monotonic clock
 */
public record RuntimeMetricsSnapshot(long checkpointCalls, long pollCalls, long stateCalls, long operationUpdates,
                                     long checkpointBytes, long replayedOperations, long executedOperations,
                                     long inOperationsNanos) {
}
