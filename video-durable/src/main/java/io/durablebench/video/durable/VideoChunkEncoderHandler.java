package io.durablebench.video.durable;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.durable.DurableContext;
import io.durablebench.model.metrics.StoreMeter;
import io.durablebench.model.metrics.StoreMetrics;
import io.durablebench.support.durable.StrictDurableHandler;
import io.durablebench.video.pipeline.ChunkOutcome;
import io.durablebench.video.pipeline.ChunkTask;
import io.durablebench.video.pipeline.JobHooks;
import java.util.Map;

/**
 * One chunk of a durable video job, encoded in an execution of its own (fan-out
 * {@code per-chunk-invocation}, called with a chained invoke from {@link VideoDurableHandler}'s map).
 * It is durable so that its encode is the very same step as in-process fan-out: checkpointed, and
 * retried by the step's retry strategy with the delays scheduled by the service (the function does
 * not run, and is not billed, while it waits).
 */
public final class VideoChunkEncoderHandler extends StrictDurableHandler<ChunkEncoderResult> {
    static final String DEFAULT_NAME = "VideoChunkEncoderFunction";

    private volatile VideoFunctionResources resources;

    public VideoChunkEncoderHandler() {
        this(System.getenv());
    }

    public VideoChunkEncoderHandler(Map<String, String> environment) {
        super(environment);
    }

    /**
     * A task that does not decode strictly, or names another bucket or keys other than its job's
     * own for that chunk, FAILS the execution with error type {@code InvalidInput} naming the field
     * before any step: nothing is read or written.
     */
    @Override
    protected ChunkEncoderResult handle(JsonNode input, DurableContext ctx) {
        long started = System.nanoTime();
        VideoFunctionResources res = resources();
        ChunkTask task = ChunkTask.fromJson(input, "", res.stages.config().bucket());
        JobHooks hooks = res.hooks.forJob(task.faults(), "faults", task.jobId(), true);
        StoreMetrics s3Before = res.meter.snapshot(StoreMeter.S3);
        ChunkOutcome chunk = ctx.step("encode-chunk-" + task.index(), ChunkOutcome.class,
                step -> res.stages.encode(task, step.getAttempt(), hooks),
                DurableRetries.chunk(res.stages.config().retry()));
        return new ChunkEncoderResult(chunk, VideoDurableHandler.invocationMetrics(ctx, res, started, s3Before));
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
