package io.durablebench.video.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.video.VideoSliceResult;
import io.durablebench.support.InvocationMeter;
import io.durablebench.support.MeteredHandler;
import io.durablebench.video.pipeline.JobHooks;
import java.io.InputStream;
import java.util.Map;

/**
 * One slice of a baseline video job too large for one coordinator, sent by the job's coordinator
 * with an asynchronous Invoke ({@link SlicedJob}); see {@link SliceCoordinator}. The slice item's
 * answer carries what this invocation cost (its DynamoDB and S3 calls, that write counted as one
 * UpdateItem call), so the job's answer can account for the whole job. A forged or broken event is
 * refused before any read or write.
 *
 * <p>Environment: {@code VIDEO_BUCKET}, {@code VIDEO_TABLE}, {@code CHUNK_WORKER_FUNCTION} (for
 * per-chunk fan-out) and the other {@link BaselineConfig} variables.
 */
public final class VideoBaselineSliceHandler extends MeteredHandler<BaselineResources> {
    static final String DEFAULT_NAME = "VideoBaselineSliceFunction";

    public VideoBaselineSliceHandler() {
        super(DEFAULT_NAME, BaselineResources::of);
    }

    @Override
    protected Answer handle(InputStream input, BaselineResources res, InvocationMeter invocation, Context context) {
        SliceEvent event;
        JobHooks hooks;
        try {
            event = SliceEvent.fromJson(StrictJson.parse(input), res.shared().stages().config().bucket());
            hooks = res.shared().hooks().forJob(event.slice().faults(), "slice.faults", event.slice().jobId(), true);
        } catch (InvalidInputException bad) {
            return AsyncEventAnswers.refused(bad, invocation);
        }
        VideoSliceResult done = res.slice().run(event, hooks, AsyncEventAnswers.costWithTheLastWrite(invocation));
        String outcome = done == null ? "slice-failed" : "ok";
        return new Answer(Map.of("jobId", event.slice().jobId(), "slice", event.slice().index(), "outcome", outcome),
                invocation.metrics(), outcome);
    }
}
