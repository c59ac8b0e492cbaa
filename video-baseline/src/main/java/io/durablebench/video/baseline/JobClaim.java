package io.durablebench.video.baseline;

import io.durablebench.model.FunctionError;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.video.VideoResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * Makes a job this invocation's, the optimized baseline's idempotency: one conditional PutItem
 * claims a new job; for a job that exists the same call returns its item, and then a finished job's
 * stored answer is returned, the same id with a different request is refused, a job whose owner is
 * gone (its lease ran out, or Lambda re-delivers the same request id) is taken over, and a job
 * another invocation is running is waited for (one GetItem per busy poll).
 */
record JobClaim(JobTable table, BaselineConfig config, Clock clock) {
    /** Stop waiting this long before Lambda would stop the invocation. */
    private static final long DEADLINE_MARGIN_MILLIS = 5_000;

    /**
     * The job is ours ({@code answer} null; {@code resumed} when taken over; {@code compensating}: it
     * was taken over in the middle of its compensation, with the failure's stored answer), or the
     * caller's answer.
     */
    record Outcome(boolean resumed, VideoResponse answer, VideoResponse compensating) {
        Outcome(boolean resumed, VideoResponse answer) {
            this(resumed, answer, null);
        }
    }

    /**
     * @param hash           the request's hash: the same job id must come with the same request
     * @param owner          this invocation's request id
     * @param deadlineMillis when Lambda will stop this invocation
     */
    Outcome claim(String jobId, String hash, String owner, long deadlineMillis) {
        JobTable.Claim claim = table.claim(jobId, hash, owner, leaseFromNow());
        JobRecord existing = claim.created() ? null : claim.existing();
        boolean created = claim.created();
        while (!created) {
            if (existing == null) {
                // the record is gone (expired) although the claim found one: claim it afresh
                claim = table.claim(jobId, hash, owner, leaseFromNow());
                created = claim.created();
                existing = claim.existing();
                continue;
            }
            if (!hash.equals(existing.requestHash())) {
                return new Outcome(false, VideoResponse.failed(jobId, FunctionError.of(new InvalidInputException("jobId",
                        "job \"" + jobId + "\" exists already with a different request; use another job id")), null));
            }
            if (existing.finished()) {
                return new Outcome(false, stored(existing));
            }
            if (owner.equals(existing.owner()) || existing.leaseUntil() < clock.millis()) {
                Optional<JobRecord> lost = table.takeOver(jobId, owner, leaseFromNow());
                if (lost.isEmpty()) {
                    return new Outcome(true, null, existing.compensating() ? stored(existing) : null);
                }
                existing = lost.get();
                continue;
            }
            // Another invocation runs the job: wait for its answer, or for its lease to run out.
            long wait = config.busyPollInterval().toMillis();
            if (clock.millis() + wait > deadlineMillis - DEADLINE_MARGIN_MILLIS) {
                throw new IllegalStateException("job " + jobId + " is still running in another invocation ("
                        + existing.owner() + "); ask again later");
            }
            Waits.sleep(wait, "interrupted");
            existing = table.job(jobId).orElse(null);
        }
        return new Outcome(false, null);
    }

    /** The hold on a job this invocation owns now (claimed or taken over). */
    Lease lease(String jobId, String owner) {
        return new Lease(this, jobId, owner);
    }

    private long leaseFromNow() {
        return clock.millis() + config.lease().toMillis();
    }

    private static VideoResponse stored(JobRecord job) {
        try {
            return StrictJson.mapper().readValue(job.response(), VideoResponse.class);
        } catch (IOException e) {
            throw new IllegalStateException("the stored answer of the job cannot be read", e);
        }
    }
}
