package io.durablebench.video.durable;

import io.durablebench.model.video.VideoSliceResult;
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
public final class VideoSliceHandler extends VideoDurableFunction<SliceTask, VideoSliceResult> {
    public VideoSliceHandler() {
        super("VideoSliceFunction", SliceTask::fromJson);
    }

    @Override
    protected VideoSliceResult run(SliceTask task, VideoCall call) {
        return new SliceWorkflow(call.context(), call.resources(), task, call.hooks(task.faults(), task.jobId())).run()
                .withCoordinator(call.metrics());
    }
}
