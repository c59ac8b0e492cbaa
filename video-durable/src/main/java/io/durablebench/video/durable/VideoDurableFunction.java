package io.durablebench.video.durable;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.support.durable.MeteredDurableHandler;
import io.durablebench.video.pipeline.JobHooks;

/**
 * The edge the durable video functions share (the job's, a slice's, a chunk encoder's): each
 * instance's {@link VideoFunctionResources}, its S3 calls primed before a SnapStart snapshot (the
 * runtime's client is primed by the base), and the test hooks of the job an input belongs to.
 *
 * @param <O> what the function answers
 */
abstract class VideoDurableFunction<O> extends MeteredDurableHandler<VideoFunctionResources, O> {
    VideoDurableFunction(String defaultName) {
        super(defaultName, VideoFunctionResources::of);
    }

    @Override
    protected final void prime(VideoFunctionResources resources) {
        resources.stages().prime();
    }

    /** The test hooks of job {@code jobId} from the {@code faults} its input carries ({@link JobHooks#NONE} when off). */
    static JobHooks hooks(VideoFunctionResources resources, JsonNode faults, String jobId) {
        return resources.hooks().forJob(faults, "faults", jobId, true);
    }
}
