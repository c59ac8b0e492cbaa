package io.durablebench.video.baseline;

import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.video.pipeline.ChunkOutcome;

/**
 * A chunk item as read back.
 *
 * @param status    PENDING / RUNNING (paper mode only), RETRYING, DONE or FAILED
 * @param attempts  attempts recorded so far (the successful one included when DONE)
 * @param updatedAt epoch milliseconds of the last write
 * @param outcome   the stored chunk when DONE
 * @param worker    what the worker invocation reported it cost, when a worker encoded it
 * @param lastError the last failed attempt's error
 */
public record ChunkRecord(int index, String status, int attempts, long updatedAt, ChunkOutcome outcome,
                          InvocationMetrics worker, String lastError) {
    public static final String PENDING = "PENDING";
    public static final String RUNNING = "RUNNING";
    public static final String RETRYING = "RETRYING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    public boolean done() {
        return DONE.equals(status);
    }

    public boolean failed() {
        return FAILED.equals(status);
    }
}
