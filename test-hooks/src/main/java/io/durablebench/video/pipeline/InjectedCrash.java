package io.durablebench.video.pipeline;

import io.durablebench.model.video.CrashPoint;

/**
 * Ends an invocation abruptly at a {@link CrashPoint}, as a killed process would: an {@code Error},
 * so no {@code catch (Exception e)} on the way out can turn it into a normal answer. Lambda (and
 * the local Lambda) report the invocation as failed; what happens next is the point of the test.
 */
public final class InjectedCrash extends Error {
    public InjectedCrash(CrashPoint point, String jobId) {
        super("injected crash at " + point.wireName() + " of job " + jobId, null, false, false);
    }
}
