package io.durablebench.video.durable;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.durable.DurableContext;
import io.durablebench.model.video.VideoRequest;
import io.durablebench.model.video.VideoResponse;
import io.durablebench.support.InvocationMeter;
import io.durablebench.video.pipeline.JobHooks;

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
public final class VideoDurableHandler extends VideoDurableFunction<VideoResponse> {
    static final String DEFAULT_NAME = "VideoDurableFunction";

    public VideoDurableHandler() {
        super(DEFAULT_NAME);
    }

    @Override
    protected VideoResponse handle(JsonNode input, VideoFunctionResources resources, DurableContext ctx,
                                   InvocationMeter invocation) {
        VideoRequest request = VideoRequest.fromJson(input);
        resources.stages().checkRequest(request);
        JobHooks hooks = hooks(resources, request.faults(), request.jobId());
        VideoResponse answer = new VideoPipelineWorkflow(ctx, resources, request, hooks).run();
        return answer.withMetrics(metrics(ctx, invocation));
    }
}
