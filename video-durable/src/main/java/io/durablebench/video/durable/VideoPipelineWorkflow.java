package io.durablebench.video.durable;

import io.durablebench.durable.BatchItem;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.MapResult;
import io.durablebench.durable.config.CompletionConfig;
import io.durablebench.durable.config.MapConfig;
import io.durablebench.durable.config.NestingType;
import io.durablebench.model.FunctionError;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.video.FanOutMode;
import io.durablebench.model.video.VideoChunkResult;
import io.durablebench.model.video.VideoRequest;
import io.durablebench.model.video.VideoResponse;
import io.durablebench.support.durable.InvalidInputFailure;
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

/**
 * One video job as a durable workflow, the paper's figure: validate (step) → split (step) →
 * map(encode) over the chunks → assemble (step) → verify (step). The job's progress is the
 * execution's log; video bytes stay in S3 and checkpoints hold object keys and small summaries.
 *
 * <p>Each chunk's map item either runs the encode step on a thread of this invocation (fan-out
 * {@code in-process}) or chained-invokes {@code VideoChunkEncoderFunction}, whose one step is the
 * same encode step (fan-out {@code per-chunk-invocation}, the ExCamera pattern). The map is FLAT
 * (each item is one operation) and stops at the first chunk that fails for good.
 *
 * <p>A refusal found by a step (a source that fails validation, a plan that cannot be made) is the
 * step's checkpointed result, not a retried failure; the workflow then fails the execution with it,
 * the same way on every replay. The job's test hooks are told of each stage boundary.
 */
public final class VideoPipelineWorkflow {
    /** Validation's checkpoint: the source, or why it was refused. */
    public record Validation(SourceSummary source, FunctionError refusal) {
    }

    /** Planning's checkpoint: the plan (its segments stored), or why it was refused. */
    public record Planned(JobPlan plan, FunctionError refusal) {
    }

    private final DurableContext ctx;
    private final VideoFunctionResources resources;
    private final VideoStages stages;
    private final VideoRequest request;
    private final JobHooks hooks;
    /** The source bytes and probe, handed from validate to split within one invocation. */
    private volatile VideoStages.ValidatedSource fresh;

    VideoPipelineWorkflow(DurableContext ctx, VideoFunctionResources resources, VideoRequest request, JobHooks hooks) {
        this.ctx = ctx;
        this.resources = resources;
        this.stages = resources.stages();
        this.request = request;
        this.hooks = hooks;
    }

    /** The job's answer, without metrics (the handler adds the invocation's). */
    VideoResponse run() {
        SourceSummary source = validate();
        JobPlan plan = split(source);
        MapResult<VideoChunkResult> chunks = encode(plan);
        if (chunks.hasFailure()) {
            BatchItem<VideoChunkResult> first = chunks.getFailed().get(0);
            return VideoResponse.failed(request.jobId(), new FunctionError(FunctionError.INTERNAL_ERROR, "", "chunk "
                    + first.index() + " failed: " + first.error().errorType() + ": " + first.error().errorMessage()), null);
        }
        assemble(plan);
        VideoVerification verified = verify(source, plan);
        if (!verified.ok()) {
            return VideoResponse.failed(request.jobId(), VideoStages.verificationFailed(verified), null);
        }
        return VideoStages.ok(request, verified, chunks.getResults(), null);
    }

    /** Reads and probes the source (one GetObject, every frame decoded). */
    private SourceSummary validate() {
        Validation validation = ctx.step("validate", Validation.class, step -> {
            try {
                fresh = stages.validate(request);
                return new Validation(fresh.summary(), null);
            } catch (InvalidInputException | InvalidMediaException refused) {
                return new Validation(null, VideoStages.refusal(refused));
            }
        }, DurableRetries.STAGE);
        refuseIf(validation.refusal());
        hooks.stageDone(JobStage.VALIDATE, new DurableMarker(ctx));
        return validation.source();
    }

    /**
     * Plans the chunks and stores their segments (one PutObject each). A later invocation that
     * replays validate has no bytes in memory: it reads the validated version of the source again.
     */
    private JobPlan split(SourceSummary validated) {
        Planned planned = ctx.step("plan", Planned.class, step -> {
            VideoStages.ValidatedSource source = fresh != null ? fresh : stages.revalidate(request, validated);
            JobPlan plan;
            try {
                plan = VideoStages.plan(request, source.info());
            } catch (InvalidInputException refused) {
                return new Planned(null, FunctionError.of(refused));
            }
            stages.split(request, source.bytes(), plan, VideoStages.allChunks(plan));
            return new Planned(plan, null);
        }, DurableRetries.STAGE);
        fresh = null;
        refuseIf(planned.refusal());
        hooks.stageDone(JobStage.SPLIT, new DurableMarker(ctx));
        return planned.plan();
    }

    /** Encodes every chunk: one map item each, at most {@code maxConcurrency} at a time. */
    private MapResult<VideoChunkResult> encode(JobPlan plan) {
        int n = plan.chunkCount();
        List<ChunkTask> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(VideoStages.task(request, plan, i));
        }
        MapResult<VideoChunkResult> encoded = ctx.map("encode", tasks, VideoChunkResult.class, (task, i, item) -> {
            VideoChunkResult result = encodeChunk(item, task);
            hooks.chunkDone(i, n, new DurableMarker(item));
            return result;
        }, MapConfig.builder().maxConcurrency(request.maxConcurrency()).nesting(NestingType.FLAT)
                .completionConfig(CompletionConfig.allSuccessful())
                .itemNamer((ChunkTask task, Integer i) -> "chunk-" + i).build());
        if (!encoded.hasFailure()) {
            hooks.stageDone(JobStage.ENCODE, new DurableMarker(ctx));
        }
        return encoded;
    }

    private VideoChunkResult encodeChunk(DurableContext item, ChunkTask task) {
        if (request.fanOut() == FanOutMode.IN_PROCESS) {
            return EncodeStep.run(item, stages, task, hooks).toResult(null);
        }
        ChunkEncoderResult r = item.invoke("encode-chunk-" + task.index(), resources.requireChunkEncoder(), task,
                ChunkEncoderResult.class);
        return r.chunk().toResult(r.metrics());
    }

    /** Joins the stored chunks into the output (one GetObject per chunk, one PutObject). */
    private void assemble(JobPlan plan) {
        ctx.step("assemble", OutputObject.class, step -> stages.assemble(request, plan.chunkCount()),
                DurableRetries.STAGE);
        hooks.stageDone(JobStage.ASSEMBLE, new DurableMarker(ctx));
    }

    /** Reads the stored output and decodes every frame of it. */
    private VideoVerification verify(SourceSummary source, JobPlan plan) {
        VideoVerification verified = ctx.step("verify", VideoVerification.class,
                step -> stages.verify(request, source, plan.settings()), DurableRetries.STAGE);
        if (verified.ok()) {
            hooks.stageDone(JobStage.VERIFY, new DurableMarker(ctx));
        }
        return verified;
    }

    private static void refuseIf(FunctionError refusal) {
        if (refusal != null) {
            throw InvalidInputFailure.of(refusal);
        }
    }
}
