package io.durablebench.video.durable;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.durable.DurableContext;
import io.durablebench.model.video.VideoResponse;
import io.durablebench.support.InvocationMeter;
import io.durablebench.support.durable.MeteredDurableHandler;

/**
 * Version 2 of the video pipeline in {@link VideoVersionsTest}: the same pipeline, with a step that
 * records which code runs before it validates. Fine for a new job; an incompatible change for a job
 * started on version 1, whose log holds the validation where this code now calls another step.
 */
final class AuditedVideoDurableHandler extends MeteredDurableHandler<VideoFunctionResources, VideoResponse> {
    static final String AUDIT_STEP = "audit-code";
    private final VideoDurableHandler pipeline = new VideoDurableHandler();

    AuditedVideoDurableHandler() {
        super("VideoDurableFunction", VideoFunctionResources::of); // the function it stands in for
    }

    @Override
    protected VideoResponse handle(JsonNode input, VideoFunctionResources resources, DurableContext context,
                                   InvocationMeter invocation) {
        context.step(AUDIT_STEP, String.class, () -> "video code v2");
        return pipeline.handle(input, resources, context, invocation);
    }
}
