package io.durablebench.durable;

/**
 * What one invocation asked of the durable execution service, counted by the runtime, and where its
 * time went.
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
 * @param timings            where the invocation's time went ({@link InvocationTimings})
 */
public record RuntimeMetricsSnapshot(long checkpointCalls, long pollCalls, long stateCalls, long operationUpdates,
                                     long checkpointBytes, long replayedOperations, long executedOperations,
                                     long inOperationsNanos, InvocationTimings timings) {
    /** Counts without timings (as before timings were reported). */
    public RuntimeMetricsSnapshot(long checkpointCalls, long pollCalls, long stateCalls, long operationUpdates,
                                  long checkpointBytes, long replayedOperations, long executedOperations,
                                  long inOperationsNanos) {
        this(checkpointCalls, pollCalls, stateCalls, operationUpdates, checkpointBytes, replayedOperations,
                executedOperations, inOperationsNanos, InvocationTimings.NONE);
    }
}
