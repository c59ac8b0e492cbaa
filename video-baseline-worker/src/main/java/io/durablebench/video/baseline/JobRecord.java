package io.durablebench.video.baseline;

import java.util.Set;

/**
 * The job item as read back.
 *
 * @param status      RUNNING, COMPENSATING (failed for good, undoing its partial work), SUCCEEDED or FAILED
 *                    (paper mode: STARTED, ASSEMBLING, DONE)
 * @param requestHash SHA-256 of the canonical request: the same job id with another request is refused
 * @param owner       request id of the invocation that runs the job
 * @param leaseUntil  epoch milliseconds until which the owner is presumed alive
 * @param response    the stored answer (JSON, without metrics) once the job ended
 * @param crashes     crash points already triggered for this job
 */
public record JobRecord(String status, String requestHash, String owner, long leaseUntil, String response,
                        Set<String> crashes) {
    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    public static final String COMPENSATING = "COMPENSATING";

    public boolean finished() {
        return SUCCEEDED.equals(status) || FAILED.equals(status);
    }

    public boolean compensating() {
        return COMPENSATING.equals(status);
    }
}
