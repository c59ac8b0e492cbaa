package io.durablebench.video.durable;

import io.durablebench.durable.BatchItem;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.MapResult;
import io.durablebench.durable.config.CompletionConfig;
import io.durablebench.durable.config.MapConfig;
import io.durablebench.durable.config.NestingType;
import io.durablebench.model.FunctionError;
import io.durablebench.model.video.VideoRequest;
import io.durablebench.model.video.VideoResponse;
import io.durablebench.model.video.VideoSliceResult;
import io.durablebench.video.media.VideoVerification;
import io.durablebench.video.pipeline.JobHooks;
import io.durablebench.video.pipeline.JobPlan;
import io.durablebench.video.pipeline.JobSlices;
import io.durablebench.video.pipeline.JobStage;
import io.durablebench.video.pipeline.SliceTask;
import io.durablebench.video.pipeline.VideoStages;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The encode stage of a job too large for one execution ({@link JobSlices}), in the job's own
 * execution: one split step per slice (it stores the slice's segments and checkpoints the slice's
 * chunk plans, which as one checkpoint would exceed an operation's 256 KB payload at 10,000 chunks),
 * then one FLAT map item per slice that chained-invokes {@code VideoSliceFunction} with the slice,
 * at most {@link JobSlices#slicesAtOnce} at a time. Each slice is a child execution of its own
 * ({@link SliceWorkflow}), so this execution holds 2 operations per slice however many chunks a slice
 * has, and each child at most a slice's worth.
 *
 * <p>The job's test hooks are told of each chunk once its slice is done, in the slice's map item, so
 * the mid-encode crash happens in the job's own execution, as in a job of one slice.
 */
final class SlicedEncode {
    /** The whole plan and the source bytes, to cut a slice's segments. */
    record Whole(JobPlan plan, byte[] source) {
    }

    private final DurableContext ctx;
    private final VideoFunctionResources resources;
    private final VideoRequest request;
    private final JobHooks hooks;
    private final Supplier<Whole> whole;
    private final Runnable release;

    /**
     * @param whole   the plan and source bytes (kept from planning, or read and planned again after a replay)
     * @param release drops them once every slice is split
     */
    SlicedEncode(DurableContext ctx, VideoFunctionResources resources, VideoRequest request, JobHooks hooks,
                 Supplier<Whole> whole, Runnable release) {
        this.ctx = ctx;
        this.resources = resources;
        this.request = request;
        this.hooks = hooks;
        this.whole = whole;
        this.release = release;
    }

    /** @param finish assembles and verifies once every slice is encoded */
    VideoResponse run(JobSlices slices, Supplier<VideoVerification> finish) {
        List<SliceTask> tasks = split(slices);
        hooks.stageDone(JobStage.SPLIT, new DurableMarker(ctx));
        int n = slices.chunkCount();
        MapResult<VideoSliceResult> done = ctx.map("encode", tasks, VideoSliceResult.class, (task, i, item) -> {
            VideoSliceResult r = item.invoke("encode-slice-" + task.index(), resources.requireSliceFunction(), task,
                    VideoSliceResult.class);
            for (int c = r.firstChunk(); c < r.firstChunk() + r.chunkCount(); c++) {
                hooks.chunkDone(c, n, new DurableMarker(item));
            }
            return r;
        }, MapConfig.builder().maxConcurrency(slices.slicesAtOnce(request.maxConcurrency())).nesting(NestingType.FLAT)
                .completionConfig(CompletionConfig.allSuccessful())
                .itemNamer((SliceTask task, Integer i) -> "slice-" + task.index()).build());
        if (done.hasFailure()) {
            BatchItem<VideoSliceResult> first = done.getFailed().get(0);
            return VideoResponse.failed(request.jobId(), new FunctionError(FunctionError.INTERNAL_ERROR, "", "slice "
                    + first.index() + " failed: " + first.error().errorType() + ": " + first.error().errorMessage()), null);
        }
        hooks.stageDone(JobStage.ENCODE, new DurableMarker(ctx));
        VideoVerification verified = finish.get();
        if (!verified.ok()) {
            return VideoResponse.failed(request.jobId(), VideoStages.verificationFailed(verified), null);
        }
        return VideoStages.okInSlices(request, verified, done.getResults(), null);
    }

    /** One step per slice: store its segments (one PutObject each), checkpoint its task. */
    private List<SliceTask> split(JobSlices slices) {
        VideoStages stages = resources.stages();
        List<SliceTask> tasks = new ArrayList<>(slices.sliceCount());
        for (int k = 0; k < slices.sliceCount(); k++) {
            int slice = k;
            tasks.add(ctx.step("split-" + k, SliceTask.class, step -> {
                Whole w = whole.get();
                stages.split(request, w.source(), w.plan(), VideoStages.chunksOf(slices, slice));
                return SliceTask.of(request, w.plan(), slices, slice);
            }, DurableRetries.STAGE));
        }
        release.run();
        return tasks;
    }
}
