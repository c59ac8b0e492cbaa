package io.durablebench.testhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.video.FaultInjection;
import io.durablebench.video.pipeline.JobHooks;
import io.durablebench.video.pipeline.JobHooksFactory;

/**
 * Decodes a {@code faults} section strictly into the job's {@link InjectedFaults}. Registered in
 * {@code META-INF/services}, found by a function only when its configuration turns test hooks on.
 */
public final class InjectedFaultsFactory implements JobHooksFactory {
    @Override
    public JobHooks forJob(JsonNode faults, String path, String jobId, boolean crashRecovery) {
        FaultInjection f = FaultInjection.fromJson(faults, path);
        if (!crashRecovery && f.crashPoint() != null) {
            throw new InvalidInputException(path + ".crashPoint", "the paper-mode function has no crash recovery (the "
                    + "paper's design had none); use the optimized baseline for crash runs");
        }
        return new InjectedFaults(f, jobId);
    }
}
