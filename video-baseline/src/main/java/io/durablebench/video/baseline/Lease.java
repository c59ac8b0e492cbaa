package io.durablebench.video.baseline;

import java.time.Clock;
import java.time.Duration;

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

    private final JobTable table;
    private final String jobId;
    private final String owner;
    private final Duration length;
    private final Clock clock;
    private long renewedAt;

    Lease(JobTable table, String jobId, String owner, Duration length, Clock clock) {
        this.table = table;
        this.jobId = jobId;
        this.owner = owner;
        this.length = length;
        this.clock = clock;
        this.renewedAt = clock.millis();
    }

    long until() {
        return renewedAt + length.toMillis();
    }

    /** Milliseconds until the next renewal is due. */
    long untilRenewal() {
        return Math.max(0, renewedAt + length.toMillis() / 3 - clock.millis());
    }

    synchronized void renewIfDue() {
        long now = clock.millis();
        if (now - renewedAt < length.toMillis() / 3) {
            return;
        }
        if (!table.renewLease(jobId, owner, now + length.toMillis())) {
            throw new LostException(jobId);
        }
        renewedAt = now;
    }
}
