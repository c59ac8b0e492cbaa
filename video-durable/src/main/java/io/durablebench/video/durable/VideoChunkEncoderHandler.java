package io.durablebench.video.durable;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.durable.DurableContext;
import io.durablebench.support.InvocationMeter;
import io.durablebench.video.pipeline.ChunkOutcome;
import io.durablebench.video.pipeline.ChunkTask;
import io.durablebench.video.pipeline.JobHooks;

/**
 * One chunk of a durable video job, encoded in an execution of its own (fan-out
 * {@code per-chunk-invocation}, called with a chained invoke from {@link VideoPipelineWorkflow}'s
 * map). It is durable so that its encode is the very same step as in-process fan-out
 * ({@link EncodeStep}): checkpointed, and retried with the delays scheduled by the service (the
 * function does not run, and is not billed, while it waits).
 *
 * <p>A task that does not decode strictly, or names another bucket or keys other than its job's own
 * for that chunk, FAILS the execution with error type {@code InvalidInput} naming the field before
 * any step: nothing is read or written.
 */
public final class VideoChunkEncoderHandler extends VideoDurableFunction<ChunkEncoderResult> {
    static final String DEFAULT_NAME = "VideoChunkEncoderFunction";

    public VideoChunkEncoderHandler() {
        super(DEFAULT_NAME);
    }

    @Override
    protected ChunkEncoderResult handle(JsonNode input, VideoFunctionResources resources, DurableContext ctx,
                                        InvocationMeter invocation) {
        ChunkTask task = ChunkTask.fromJson(input, "", resources.stages().config().bucket());
        JobHooks hooks = hooks(resources, task.faults(), task.jobId());
        ChunkOutcome chunk = EncodeStep.run(ctx, resources.stages(), task, hooks);
        return new ChunkEncoderResult(chunk, metrics(ctx, invocation));
    }
}
