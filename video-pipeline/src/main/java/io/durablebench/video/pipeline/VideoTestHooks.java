package io.durablebench.video.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.aws.TestHooks;
import io.durablebench.model.json.InvalidInputException;

/**
 * A video function's test hooks, as its configuration has them: off (every deployed function, since
 * template.yaml never sets {@code TEST_HOOKS}), so that a request or task carrying a {@code faults}
 * section is refused before anything is read or written; or on (the local test beds), with the
 * {@code test-hooks} module's {@link JobHooksFactory} decoding the section.
 */
public final class VideoTestHooks {
    private final JobHooksFactory factory;

    private VideoTestHooks(JobHooksFactory factory) {
        this.factory = factory;
    }

    public static VideoTestHooks fromEnvironment(FunctionEnvironment env) {
        return new VideoTestHooks(TestHooks.load(env, JobHooksFactory.class).orElse(null));
    }

    /**
     * The hooks of a job (or chunk) whose document carried {@code faults} at {@code path}: none
     * without a section.
     *
     * @throws InvalidInputException a section sent to a function whose hooks are off, or a malformed one
     */
    public JobHooks forJob(JsonNode faults, String path, String jobId, boolean crashRecovery) {
        if (faults == null) {
            return JobHooks.NONE;
        }
        if (factory == null) {
            throw new InvalidInputException(path, "this function takes no faults: injected failures and crash points "
                    + "are test hooks, off in deployed functions");
        }
        return factory.forJob(faults, path, jobId, crashRecovery);
    }
}
