package io.durablebench.video.durable;

import io.durablebench.durable.DurableContext;
import io.durablebench.model.FunctionError;
import io.durablebench.model.video.VideoCompensation;
import io.durablebench.model.video.VideoRequest;
import io.durablebench.model.video.VideoResponse;
import io.durablebench.video.pipeline.JobHooks;
import io.durablebench.video.pipeline.VideoObjects;
import io.durablebench.video.pipeline.VideoStages;
import java.util.List;

/**
 * Undoes the partial work of a job that failed for good (a chunk or a slice that failed all its
 * attempts, an output that did not verify), as a saga undoes its steps: in reverse order, each undo
 * a checkpointed step retried like the stages ({@link DurableRetries#STAGE}). {@code undo-encode}
 * deletes the encoded chunks and any output, {@code undo-split} every object left under the job's
 * prefix (the segments). A crash between or inside them is replayed like any other step: a finished
 * undo returns its checkpointed count, an interrupted one runs again and deletes what is left.
 *
 * <p>Runs only after every chunk's (or slice's) work has ended (the maps run every item to its end),
 * so nothing the job started writes an object after its compensation.
 */
final class DurableCompensation {
    /** What a failed durable job keeps: nothing in S3, nothing in a table; its execution is the service's. */
    static final List<String> KEPT = List.of("the durable execution (its history and this answer), kept by the "
            + "service for the function's retention period (template: 7 days); no object and no table item");

    private DurableCompensation() {
    }

    /** The failed job's answer, {@code error}, with what its compensation deleted. */
    static VideoResponse undo(DurableContext ctx, VideoStages stages, VideoRequest request, JobHooks hooks,
                              FunctionError error) {
        VideoObjects.Deleted encode = ctx.step("undo-encode", VideoObjects.Deleted.class,
                step -> stages.undoEncode(request), DurableRetries.STAGE);
        hooks.compensating(new DurableMarker(ctx));
        VideoObjects.Deleted split = ctx.step("undo-split", VideoObjects.Deleted.class,
                step -> stages.undoSplit(request), DurableRetries.STAGE);
        VideoObjects.Deleted all = encode.plus(split);
        return VideoResponse.failed(request.jobId(), error, null)
                .withCompensation(new VideoCompensation(all.objects(), 0, all.calls(), KEPT));
    }
}
