package io.durablebench.durable.execution;

import io.durablebench.durable.RuntimeMetricsSnapshot;

/** What one invocation asked of the service and did, counted as it happens, and its timings (thread-safe). */
final class RuntimeCounters {
    private final OperationClock operationClock = new OperationClock();
    private final TimingRecorder timings = new TimingRecorder();
    private long checkpointCalls;
    private long pollCalls;
    private long stateCalls;
    private long updatesSent;
    private long bytesSent;
    private long replayedOperations;
    private long executedOperations;

    synchronized void checkpointCall(int updates, long bytes) {
        checkpointCalls++;
        updatesSent += updates;
        bytesSent += bytes;
        if (updates == 0) {
            pollCalls++;
        }
    }

    /** A checkpoint call that failed: it counts as a call, but nothing it carried was sent. */
    synchronized void failedCheckpointCall() {
        checkpointCalls++;
    }

    synchronized void stateCalls(long calls) {
        stateCalls += calls;
    }

    synchronized void replayed() {
        replayedOperations++;
    }

    synchronized void executed() {
        executedOperations++;
    }

    OperationClock operationClock() {
        return operationClock;
    }

    TimingRecorder timings() {
        return timings;
    }

    synchronized RuntimeMetricsSnapshot snapshot() {
        return new RuntimeMetricsSnapshot(checkpointCalls, pollCalls, stateCalls, updatesSent, bytesSent,
                replayedOperations, executedOperations, operationClock.totalNanos(), timings.snapshot());
    }
}
