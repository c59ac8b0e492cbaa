package io.durablebench.video.durable;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.durable.DurableContext;
import io.durablebench.model.video.VideoSliceResult;
import io.durablebench.support.InvocationMeter;
import io.durablebench.video.pipeline.JobHooks;
import io.durablebench.video.pipeline.SliceTask;

/**
 * One slice of a durable video job too large for one execution, in an execution of its own,
 * chained-invoked by the job ({@link SlicedEncode}); see {@link SliceWorkflow}. A task that does not
 * decode strictly or names another bucket FAILS the execution with error type {@code InvalidInput}
 * naming the field before any step: nothing is read or written.
 *
 * <p>Environment: {@code VIDEO_BUCKET} and the other {@link io.durablebench.video.pipeline.PipelineConfig}
 * variables, {@code CHUNK_ENCODER_FUNCTION} (qualified name of the chunk encoder, for per-chunk fan-out).
 */
public final class VideoSliceHandler extends VideoDurableFunction<VideoSliceResult> {
    static final String DEFAULT_NAME = "VideoSliceFunction";

    public VideoSliceHandler() {
        super(DEFAULT_NAME);
    }

    @Override
    protected VideoSliceResult handle(JsonNode input, VideoFunctionResources resources, DurableContext ctx,
                                      InvocationMeter invocation) {
        SliceTask task = SliceTask.fromJson(input, "", resources.stages().config().bucket());
        JobHooks hooks = hooks(resources, task.faults(), task.jobId());
        return new SliceWorkflow(ctx, resources, task, hooks).run().withCoordinator(metrics(ctx, invocation));
    }
}
