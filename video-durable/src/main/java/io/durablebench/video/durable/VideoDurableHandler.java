package io.durablebench.video.durable;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.MapResult;
import io.durablebench.durable.RuntimeMetricsSnapshot;
import io.durablebench.durable.BatchItem;
import io.durablebench.durable.config.CompletionConfig;
import io.durablebench.durable.config.MapConfig;
import io.durablebench.durable.config.NestingType;
import io.durablebench.model.FunctionError;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.metrics.DurableMetrics;
import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.model.metrics.StoreMeter;
import io.durablebench.model.metrics.StoreMetrics;
import io.durablebench.support.durable.InvalidInputFailure;
import io.durablebench.support.durable.StrictDurableHandler;
import io.durablebench.model.video.FanOutMode;
import io.durablebench.model.video.VideoChunkResult;
import io.durablebench.model.video.VideoRequest;
import io.durablebench.model.video.VideoResponse;
import io.durablebench.video.media.InvalidMediaException;
import io.durablebench.video.media.VideoVerification;
import io.durablebench.video.pipeline.ChunkTask;
import io.durablebench.video.pipeline.JobHooks;
import io.durablebench.video.pipeline.JobPlan;
import io.durablebench.video.pipeline.JobStage;
import io.durablebench.video.pipeline.OutputObject;
import io.durablebench.video.pipeline.SourceSummary;
import io.durablebench.video.pipeline.VideoStages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The video pipeline on durable execution: validate (step) → plan and split (step) → encode every
 * chunk (a map, each chunk's encode checkpointed and retried by its step's retry strategy) →
 * assemble (step) → verify (step). The job's progress is the execution's log: no table. Video bytes
 * stay in S3; checkpoints hold object keys and small summaries.
 *
 * <p>Fan-out {@code in-process}: each map item runs the encode step on a thread of this invocation.
 * Fan-out {@code per-chunk-invocation}: each map item is a chained invoke of
 * {@code VideoChunkEncoderFunction} (its own durable execution, whose one step is the same encode
 * step with the same retry strategy), the ExCamera pattern.
 *
 * <p>Callers start a job with the job id as the durable execution name, so a repeated request
 * attaches to the same execution instead of starting the work again.
 *
 * <p>Environment: {@code VIDEO_BUCKET} and the other {@link io.durablebench.video.pipeline.PipelineConfig}
 * variables, {@code CHUNK_ENCODER_FUNCTION} (qualified name of the chunk encoder, for per-chunk fan-out).
 */
public final class VideoDurableHandler extends StrictDurableHandler<VideoResponse> {
    static final String DEFAULT_NAME = "VideoDurableFunction";

    private volatile VideoFunctionResources resources;

    public VideoDurableHandler() {
        this(System.getenv());
    }

    public VideoDurableHandler(Map<String, String> environment) {
        super(environment);
    }

    /** Validation's checkpoint: the source, or why it was refused. */
    public record Validation(SourceSummary source, FunctionError refusal) {
    }

    /** Planning's checkpoint: the plan (its segments stored), or why it was refused. */
    public record Planned(JobPlan plan, FunctionError refusal) {
    }

    /**
     * A refused request (bad document, a source that is missing or fails validation, a plan that
     * cannot be made) FAILS the execution with error type {@code InvalidInput} naming the field,
     * before anything is written.
     */
    @Override
    protected VideoResponse handle(JsonNode input, DurableContext ctx) {
        long started = System.nanoTime();
        VideoFunctionResources res = resources();
        StoreMetrics s3Before = res.meter.snapshot(StoreMeter.S3);
        VideoRequest request = VideoRequest.fromJson(input);
        res.stages.checkRequest(request);
        JobHooks hooks = res.hooks.forJob(request.faults(), "faults", request.jobId(), true);
        VideoStages stages = res.stages;

        // The source bytes and probe, handed from validate to plan within one invocation; a later
        // invocation that replays validate reads the source again inside plan.
        AtomicReference<VideoStages.ValidatedSource> fresh = new AtomicReference<>();
        Validation validation = ctx.step("validate", Validation.class, step -> {
            try {
                VideoStages.ValidatedSource source = stages.validate(request);
                fresh.set(source);
                return new Validation(source.summary(), null);
            } catch (InvalidInputException | InvalidMediaException refused) {
                return new Validation(null, VideoStages.refusal(refused));
            }
        }, DurableRetries.STAGE);
        if (validation.refusal() != null) {
            throw InvalidInputFailure.of(validation.refusal());
        }
        hooks.stageDone(JobStage.VALIDATE, new DurableMarker(ctx));

        Planned planned = ctx.step("plan", Planned.class, step -> {
            VideoStages.ValidatedSource source = fresh.get() != null ? fresh.get()
                    : stages.revalidate(request, validation.source());
            JobPlan plan;
            try {
                plan = VideoStages.plan(request, source.info());
            } catch (InvalidInputException refused) {
                return new Planned(null, FunctionError.of(refused));
            }
            stages.split(request, source.bytes(), plan, VideoStages.allChunks(plan));
            return new Planned(plan, null);
        }, DurableRetries.STAGE);
        fresh.set(null);
        if (planned.refusal() != null) {
            throw InvalidInputFailure.of(planned.refusal());
        }
        hooks.stageDone(JobStage.SPLIT, new DurableMarker(ctx));

        JobPlan plan = planned.plan();
        int n = plan.chunkCount();
        List<ChunkTask> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(VideoStages.task(request, plan, i));
        }
        MapResult<VideoChunkResult> encoded = ctx.map("encode", tasks, VideoChunkResult.class, (task, i, item) -> {
            VideoChunkResult result = encode(item, res, request, task, hooks);
            hooks.chunkDone(i, n, new DurableMarker(item));
            return result;
        }, MapConfig.builder().maxConcurrency(request.maxConcurrency()).nesting(NestingType.FLAT)
                .completionConfig(CompletionConfig.allSuccessful())
                .itemNamer((ChunkTask task, Integer i) -> "chunk-" + i).build());
        if (encoded.hasFailure()) {
            BatchItem<VideoChunkResult> first = encoded.getFailed().get(0);
            return VideoResponse.failed(request.jobId(), new FunctionError(FunctionError.INTERNAL_ERROR, "",
                    "chunk " + first.index() + " failed: " + first.error().errorType() + ": "
                            + first.error().errorMessage()), metrics(ctx, res, started, s3Before));
        }
        List<VideoChunkResult> chunks = encoded.getResults();
        hooks.stageDone(JobStage.ENCODE, new DurableMarker(ctx));

        ctx.step("assemble", OutputObject.class, step -> stages.assemble(request, n), DurableRetries.STAGE);
        hooks.stageDone(JobStage.ASSEMBLE, new DurableMarker(ctx));

        VideoVerification verified = ctx.step("verify", VideoVerification.class,
                step -> stages.verify(request, validation.source(), plan.settings()), DurableRetries.STAGE);
        if (!verified.ok()) {
            return VideoResponse.failed(request.jobId(), VideoStages.verificationFailed(verified),
                    metrics(ctx, res, started, s3Before));
        }
        hooks.stageDone(JobStage.VERIFY, new DurableMarker(ctx));
        return VideoStages.ok(request, verified, chunks, metrics(ctx, res, started, s3Before));
    }

    private VideoChunkResult encode(DurableContext item, VideoFunctionResources res, VideoRequest request,
                                    ChunkTask task, JobHooks hooks) {
        String name = "encode-chunk-" + task.index();
        if (request.fanOut() == FanOutMode.IN_PROCESS) {
            return item.step(name, io.durablebench.video.pipeline.ChunkOutcome.class,
                    step -> res.stages.encode(task, step.getAttempt(), hooks),
                    DurableRetries.chunk(res.stages.config().retry())).toResult(null);
        }
        ChunkEncoderResult r = item.invoke(name, res.env.require("CHUNK_ENCODER_FUNCTION"), task,
                ChunkEncoderResult.class);
        return r.chunk().toResult(r.metrics());
    }

    private InvocationMetrics metrics(DurableContext ctx, VideoFunctionResources res, long startedNanos,
                                      StoreMetrics s3Before) {
        return invocationMetrics(ctx, res, startedNanos, s3Before);
    }

    static InvocationMetrics invocationMetrics(DurableContext ctx, VideoFunctionResources res, long startedNanos,
                                               StoreMetrics s3Before) {
        RuntimeMetricsSnapshot m = ctx.getInvocationMetrics();
        String requestId = ctx.getLambdaContext() == null ? "local" : ctx.getLambdaContext().getAwsRequestId();
        return new InvocationMetrics(res.functionName, requestId, (System.nanoTime() - startedNanos) / 1e6,
                StoreMetrics.NONE, res.meter.snapshot(StoreMeter.S3).minus(s3Before),
                new DurableMetrics(m.checkpointCalls(), m.stateCalls(), m.operationUpdates(), m.checkpointBytes(),
                        m.replayedOperations(), m.executedOperations()));
    }

    private VideoFunctionResources resources() {
        VideoFunctionResources r = resources;
        if (r == null) {
            synchronized (this) {
                if (resources == null) {
                    resources = new VideoFunctionResources(environment(), DEFAULT_NAME);
                }
                r = resources;
            }
        }
        return r;
    }
}
