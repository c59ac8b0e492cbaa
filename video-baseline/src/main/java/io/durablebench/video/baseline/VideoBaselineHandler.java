package io.durablebench.video.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.durablebench.model.FunctionError;
import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.metrics.InvocationLog;
import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.model.metrics.StoreMeter;
import io.durablebench.model.metrics.StoreMetrics;
import io.durablebench.model.video.VideoRequest;
import io.durablebench.model.video.VideoResponse;
import io.durablebench.video.pipeline.JobHooks;
import io.durablebench.video.pipeline.ParsedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * Lambda entry point of the video baseline: reads a {@link VideoRequest} (strictly; bad input is
 * answered with the field and no store call), runs the job with {@link OptimizedCoordinator} or,
 * when {@code COORDINATION=paper}, {@link PaperCoordinator}, and answers a {@link VideoResponse}
 * carrying this invocation's DynamoDB and S3 calls. The same request id twice is the same job: the
 * second request gets the first one's answer, without doing the work again.
 *
 * <p>Failures of the stores themselves are thrown (the invocation fails; the job item keeps the
 * progress, and a repeated request resumes it once the lease has run out, at once if it is Lambda
 * re-delivering the same event).
 */
public final class VideoBaselineHandler implements RequestStreamHandler {
    static final String DEFAULT_NAME = "VideoBaselineFunction";

    private final Map<String, String> environment;
    private volatile BaselineResources resources;

    /** Used by Lambda. */
    public VideoBaselineHandler() {
        this(System.getenv());
    }

    /** Used by the project's local Lambda, which hands each function its own environment. */
    public VideoBaselineHandler(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long started = System.nanoTime();
        BaselineResources res = resources();
        StoreMetrics ddbBefore = res.meter.snapshot(StoreMeter.DYNAMODB);
        StoreMetrics s3Before = res.meter.snapshot(StoreMeter.S3);
        String requestId = context == null ? "local-" + java.util.UUID.randomUUID() : context.getAwsRequestId();
        long deadline = context == null ? Long.MAX_VALUE
                : System.currentTimeMillis() + context.getRemainingTimeInMillis();
        VideoResponse answer;
        try {
            answer = run(res, input.readNBytes(StrictJson.MAX_DOCUMENT_BYTES + 1), requestId, deadline);
        } catch (RuntimeException | Error fault) {
            InvocationLog.emit(metrics(res, requestId, started, ddbBefore, s3Before),
                    "error: " + fault.getClass().getSimpleName());
            throw fault;
        }
        InvocationMetrics metrics = metrics(res, requestId, started, ddbBefore, s3Before);
        VideoResponse response = new VideoResponse(answer.jobId(), answer.output(), answer.frameCount(),
                answer.durationSeconds(), answer.width(), answer.height(), answer.chunks(), metrics, answer.error());
        InvocationLog.emit(metrics, response.error() == null ? "ok" : response.error().type());
        output.write(StrictJson.writeBytes(response));
    }

    private static VideoResponse run(BaselineResources res, byte[] document, String requestId, long deadline) {
        ParsedRequest parsed = ParsedRequest.parse(document);
        if (!parsed.ok()) {
            return VideoResponse.failed(parsed.jobId(), parsed.error(), null);
        }
        VideoRequest request = parsed.request();
        boolean paper = res.config.coordination() == Coordination.PAPER;
        JobHooks hooks;
        try {
            res.stages.checkRequest(request);
            hooks = res.hooks.forJob(request.faults(), "faults", request.jobId(), !paper);
        } catch (InvalidInputException bad) {
            return VideoResponse.failed(request.jobId(), FunctionError.of(bad), null);
        }
        if (paper) {
            return new PaperCoordinator(res.stages, res.table, res.runner, res.dispatcher, res.config)
                    .run(request, hooks);
        }
        return new OptimizedCoordinator(res.stages, res.table, res.runner, res.dispatcher, res.config, res.clock)
                .run(request, new OptimizedCoordinator.Invocation(requestId, deadline), hooks);
    }

    private static InvocationMetrics metrics(BaselineResources res, String requestId, long startedNanos,
                                             StoreMetrics ddbBefore, StoreMetrics s3Before) {
        return new InvocationMetrics(res.functionName, requestId, (System.nanoTime() - startedNanos) / 1e6,
                res.meter.snapshot(StoreMeter.DYNAMODB).minus(ddbBefore),
                res.meter.snapshot(StoreMeter.S3).minus(s3Before), null);
    }

    private BaselineResources resources() {
        BaselineResources r = resources;
        if (r == null) {
            synchronized (this) {
                if (resources == null) {
                    resources = new BaselineResources(new FunctionEnvironment(environment), DEFAULT_NAME, true);
                }
                r = resources;
            }
        }
        return r;
    }
}
