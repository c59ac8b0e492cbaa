package io.durablebench.video.baseline;

/**
 * The owner's hold on a running job. Renewed (one UpdateItem) once a third of it has passed, from
 * the coordinator's waiting loops, so a job shorter than a third of the lease costs no renewal. If
 * a renewal finds the job no longer ours, the invocation stops: another one has taken over.
 */
final class Lease {
    static final class LostException extends RuntimeException {
        LostException(String jobId) {
            super("job " + jobId + " was taken over by another invocation (this one's lease had run out)", null,
                    false, false);
        }
    }

    /** The job's store, the lease's length and the clock. */
    private final JobClaim claims;
    private final String jobId;
    private final String owner;
    private long renewedAt;

    Lease(JobClaim claims, String jobId, String owner) {
        this.claims = claims;
        this.jobId = jobId;
        this.owner = owner;
        this.renewedAt = claims.clock().millis();
    }

    private long lengthMillis() {
        return claims.config().lease().toMillis();
    }

    long until() {
        return renewedAt + lengthMillis();
    }

    /** Milliseconds until the next renewal is due. */
    long untilRenewal() {
        return Math.max(0, renewedAt + lengthMillis() / 3 - claims.clock().millis());
    }

    synchronized void renewIfDue() {
        long now = claims.clock().millis();
        if (now - renewedAt < lengthMillis() / 3) {
            return;
        }
        if (!claims.table().renewLease(jobId, owner, now + lengthMillis())) {
            throw new LostException(jobId);
        }
        renewedAt = now;
    }
}
