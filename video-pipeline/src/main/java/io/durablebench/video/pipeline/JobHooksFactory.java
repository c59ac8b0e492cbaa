package io.durablebench.video.pipeline;

import com.fasterxml.jackson.databind.JsonNode;

/** The service the {@code test-hooks} module provides (see {@link VideoTestHooks}). */
public interface JobHooksFactory {
    /**
     * The hooks a {@code faults} section asks for, decoded strictly.
     *
     * @param faults        the section as sent (not null)
     * @param path          where it is in the request, for errors
     * @param crashRecovery false for a function that cannot recover from a crash: crash points are refused
     * @throws io.durablebench.model.json.InvalidInputException the section is malformed, naming the field
     */
    JobHooks forJob(JsonNode faults, String path, String jobId, boolean crashRecovery);
}
