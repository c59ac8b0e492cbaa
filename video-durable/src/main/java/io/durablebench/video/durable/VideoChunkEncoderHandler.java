package io.durablebench.video.durable;

import io.durablebench.video.pipeline.ChunkOutcome;
import io.durablebench.video.pipeline.ChunkTask;

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
public final class VideoChunkEncoderHandler extends VideoDurableFunction<ChunkTask, ChunkEncoderResult> {
    public VideoChunkEncoderHandler() {
        super("VideoChunkEncoderFunction", ChunkTask::fromJson);
    }

    @Override
    protected ChunkEncoderResult run(ChunkTask task, VideoCall call) {
        ChunkOutcome chunk = EncodeStep.run(call.context(), call.resources().stages(), task,
                call.hooks(task.faults(), task.jobId()));
        return new ChunkEncoderResult(chunk, call.metrics());
    }
}
