package io.durablebench.video.durable;

import io.durablebench.model.video.VideoRequest;
import io.durablebench.model.video.VideoResponse;

/**
 * Lambda entry point of the video pipeline on durable execution: reads the request, checks it
 * against the function's configuration and runs {@link VideoPipelineWorkflow}; the answer carries
 * this invocation's S3 calls and the runtime's counts. Callers start a job with the job id as the
 * durable execution name, so a repeated request attaches to the same execution.
 *
 * <p>A refused request (bad document, a faults section while test hooks are off, a source that is
 * missing or fails validation, a plan that cannot be made) FAILS the execution with error type
 * {@code InvalidInput} naming the field, before anything is written.
 *
 * <p>Environment: {@code VIDEO_BUCKET} and the other {@link io.durablebench.video.pipeline.PipelineConfig}
 * variables, {@code CHUNK_ENCODER_FUNCTION} (qualified name of the chunk encoder, for per-chunk fan-out).
 */
public final class VideoDurableHandler extends VideoDurableFunction<VideoRequest, VideoResponse> {
    public VideoDurableHandler() {
        super("VideoDurableFunction", (input, path, bucket) -> VideoRequest.fromJson(input));
    }

    /** The request is checked against the function's configuration (its bucket among others) before anything runs. */
    @Override
    protected VideoResponse run(VideoRequest request, VideoCall call) {
        call.resources().stages().checkRequest(request);
        return new VideoPipelineWorkflow(call.context(), call.resources(), request,
                call.hooks(request.faults(), request.jobId())).run().withMetrics(call.metrics());
    }
}
