package io.durablebench.video.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import io.durablebench.model.FunctionError;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.video.VideoRequest;
import io.durablebench.model.video.VideoResponse;
import io.durablebench.support.InvocationMeter;
import io.durablebench.support.MeteredHandler;
import io.durablebench.video.pipeline.JobHooks;
import io.durablebench.video.pipeline.ParsedRequest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Lambda entry point of the video baseline: reads a {@link VideoRequest} (strictly; bad input is
 * answered with the field and no store call), runs the job with {@link OptimizedCoordinator} or,
 * when {@code COORDINATION=paper}, {@link PaperCoordinator}, and answers a {@link VideoResponse}
 * carrying this invocation's DynamoDB and S3 calls. The same job id twice is the same job: the
 * second request gets the first one's answer, without doing the work again.
 *
 * <p>Failures of the stores themselves are thrown (the invocation fails; the job item keeps the
 * progress, and a repeated request resumes it once the lease has run out, at once if it is Lambda
 * re-delivering the same event).
 */
public final class VideoBaselineHandler extends MeteredHandler<BaselineResources> {
    static final String DEFAULT_NAME = "VideoBaselineFunction";

    public VideoBaselineHandler() {
        super(DEFAULT_NAME, BaselineResources::of);
    }

    /** Before a SnapStart snapshot: the S3, DynamoDB and Lambda calls primed. */
    @Override
    protected void prime(BaselineResources resources) {
        resources.prime();
    }

    @Override
    protected Answer handle(InputStream input, BaselineResources res, InvocationMeter invocation, Context context)
            throws IOException {
        long deadline = context == null ? Long.MAX_VALUE
                : System.currentTimeMillis() + context.getRemainingTimeInMillis();
        VideoResponse answer = run(res, input.readNBytes(StrictJson.MAX_DOCUMENT_BYTES + 1), invocation.requestId(),
                deadline).withMetrics(invocation.metrics());
        return new Answer(answer, answer.metrics(), answer.error() == null ? "ok" : answer.error().type());
    }

    private static VideoResponse run(BaselineResources res, byte[] document, String requestId, long deadline) {
        ParsedRequest parsed = ParsedRequest.parse(document);
        if (!parsed.ok()) {
            return VideoResponse.failed(parsed.jobId(), parsed.error(), null);
        }
        VideoRequest request = parsed.request();
        boolean paper = res.config().coordination() == Coordination.PAPER;
        JobHooks hooks;
        try {
            res.shared().stages().checkRequest(request);
            hooks = res.shared().hooks().forJob(request.faults(), "faults", request.jobId(), !paper);
        } catch (InvalidInputException bad) {
            return VideoResponse.failed(request.jobId(), FunctionError.of(bad), null);
        }
        if (paper) {
            return res.paper().run(request, hooks);
        }
        return res.optimized().run(request, new OptimizedCoordinator.Invocation(requestId, deadline), hooks);
    }
}
