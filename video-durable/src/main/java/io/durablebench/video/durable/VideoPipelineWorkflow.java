package io.durablebench.video.durable;

import io.durablebench.durable.BatchItem;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.MapResult;
import io.durablebench.model.FunctionError;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.video.VideoChunkResult;
import io.durablebench.model.video.VideoRequest;
import io.durablebench.model.video.VideoResponse;
import io.durablebench.support.durable.InvalidInputFailure;
import io.durablebench.video.media.EncodeSettings;
import io.durablebench.video.media.InvalidMediaException;
import io.durablebench.video.media.VideoVerification;
import io.durablebench.video.pipeline.ChunkTask;
import io.durablebench.video.pipeline.JobHooks;
import io.durablebench.video.pipeline.JobPlan;
import io.durablebench.video.pipeline.JobSlices;
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
 * {@code in-process}) or chained-invokes {@code VideoChunkEncoderFunction} ({@link ChunkMap}).
 *
 * <p>A job with more chunks than one execution may own ({@link JobSlices}) runs in slices instead
 * ({@link SlicedEncode}): its plan step plans only, one split step per slice stores that slice's
 * segments and checkpoints its chunk plans, and the map chained-invokes {@code VideoSliceFunction}
 * once per slice, each slice a child execution running the same chunk map over its own chunks.
 *
 * <p>A refusal found by a step (a source that fails validation, a plan that cannot be made) is the
 * step's checkpointed result, not a retried failure; the workflow then fails the execution with it,
 * the same way on every replay. The job's test hooks are told of each stage boundary.
 */
public final class VideoPipelineWorkflow {
    /** Validation's checkpoint: the source, or why it was refused. */
    public record Validation(SourceSummary source, FunctionError refusal) {
    }

    /**
     * Planning's checkpoint: the plan with its segments stored, or for a job in slices only its size
     * and settings (its chunk plans are checkpointed slice by slice), or why it was refused.
     *
     * @param plan null for a job in slices
     */
    public record Planned(JobPlan plan, int chunkCount, EncodeSettings settings, FunctionError refusal) {
    }

    private final DurableContext ctx;
    private final VideoFunctionResources resources;
    private final VideoStages stages;
    private final VideoRequest request;
    private final JobHooks hooks;
    /** The source bytes and probe, handed from validate to split within one invocation. */
    private volatile VideoStages.ValidatedSource fresh;
    /** The whole plan, kept from planning for the split steps of a job in slices within one invocation. */
    private volatile JobPlan freshPlan;

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
        Planned planned = plan(source);
        JobSlices slices = stages.config().slices(planned.chunkCount());
        if (slices.sliced()) {
            return new SlicedEncode(ctx, resources, request, hooks, () -> wholePlan(source), this::release)
                    .run(slices, () -> finish(source, planned));
        }
        hooks.stageDone(JobStage.SPLIT, new DurableMarker(ctx));
        int n = planned.chunkCount();
        List<ChunkTask> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(VideoStages.task(request, planned.plan(), i));
        }
        MapResult<VideoChunkResult> chunks = ChunkMap.encode(ctx, resources, tasks, request.fanOut(),
                request.maxConcurrency(), hooks, (i, item) -> hooks.chunkDone(i, n, new DurableMarker(item)));
        if (chunks.hasFailure()) {
            BatchItem<VideoChunkResult> first = chunks.getFailed().get(0);
            return VideoResponse.failed(request.jobId(), new FunctionError(FunctionError.INTERNAL_ERROR, "", "chunk "
                    + first.index() + " failed: " + first.error().errorType() + ": " + first.error().errorMessage()), null);
        }
        hooks.stageDone(JobStage.ENCODE, new DurableMarker(ctx));
        VideoVerification verified = finish(source, planned);
        if (!verified.ok()) {
            return VideoResponse.failed(request.jobId(), VideoStages.verificationFailed(verified), null);
        }
        return VideoStages.ok(request, verified, chunks.getResults(), null);
    }

    /** Assembles and verifies the encoded chunks. */
    private VideoVerification finish(SourceSummary source, Planned planned) {
        assemble(planned.chunkCount());
        return verify(source, planned.settings());
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
     * Plans the chunks and, for a job of one slice, stores their segments (one PutObject each). A
     * later invocation that replays validate has no bytes in memory: it reads the validated version
     * of the source again.
     */
    private Planned plan(SourceSummary validated) {
        Planned planned = ctx.step("plan", Planned.class, step -> {
            VideoStages.ValidatedSource source = source(validated);
            JobPlan plan;
            try {
                plan = VideoStages.plan(request, source.info());
            } catch (InvalidInputException refused) {
                return new Planned(null, 0, null, FunctionError.of(refused));
            }
            if (stages.config().slices(plan.chunkCount()).sliced()) {
                freshPlan = plan;
                return new Planned(null, plan.chunkCount(), plan.settings(), null);
            }
            stages.split(request, source.bytes(), plan, VideoStages.allChunks(plan));
            return new Planned(plan, plan.chunkCount(), plan.settings(), null);
        }, DurableRetries.STAGE);
        refuseIf(planned.refusal());
        if (planned.plan() != null) {
            fresh = null;
        }
        return planned;
    }

    /** The source's bytes and probe: from validation in this invocation, or read again (the validated version). */
    private VideoStages.ValidatedSource source(SourceSummary validated) {
        VideoStages.ValidatedSource source = fresh;
        if (source == null) {
            source = stages.revalidate(request, validated);
            fresh = source;
        }
        return source;
    }

    /** The whole plan and the source bytes, for a split step of a job in slices (planned again after a replay). */
    private SlicedEncode.Whole wholePlan(SourceSummary validated) {
        VideoStages.ValidatedSource source = source(validated);
        JobPlan plan = freshPlan;
        if (plan == null) {
            plan = VideoStages.plan(request, source.info());
            freshPlan = plan;
        }
        return new SlicedEncode.Whole(plan, source.bytes());
    }

    /** Drops the source bytes and the whole plan once every slice's segments are stored. */
    private void release() {
        fresh = null;
        freshPlan = null;
    }

    /** Joins the stored chunks into the output (one GetObject per chunk, one PutObject). */
    private void assemble(int chunkCount) {
        ctx.step("assemble", OutputObject.class, step -> stages.assemble(request, chunkCount), DurableRetries.STAGE);
        hooks.stageDone(JobStage.ASSEMBLE, new DurableMarker(ctx));
    }

    /** Reads the stored output and decodes every frame of it. */
    private VideoVerification verify(SourceSummary source, EncodeSettings settings) {
        VideoVerification verified = ctx.step("verify", VideoVerification.class,
                step -> stages.verify(request, source, settings), DurableRetries.STAGE);
        if (verified.ok()) {
            hooks.stageDone(JobStage.VERIFY, new DurableMarker(ctx));
        }
        return verified;
    }

    static void refuseIf(FunctionError refusal) {
        if (refusal != null) {
            throw InvalidInputFailure.of(refusal);
        }
    }
}
