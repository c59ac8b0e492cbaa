package io.durablebench.video.durable;

import io.durablebench.durable.DurableContext;
import io.durablebench.durable.DurableConfig;
import io.durablebench.durable.DurableHandler;
import io.durablebench.durable.serde.JacksonSerDes;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.metrics.StoreMeter;
import io.durablebench.model.metrics.StoreMetrics;
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
public final class VideoChunkEncoderHandler extends DurableHandler<RawJson, ChunkEncoderResult> {
    static final String DEFAULT_NAME = "VideoChunkEncoderFunction";

    private volatile VideoFunctionResources resources;

    public VideoChunkEncoderHandler() {
        super();
    }

    public VideoChunkEncoderHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    protected DurableConfig createConfiguration() {
        return DurableConfig.builder().lambdaClient(DurableConfig.lambdaClient(environment()))
                .serDes(new RawJsonSerDes(new JacksonSerDes())).build();
    }

    /**
     * A task that does not decode strictly, or names another bucket or keys other than its job's
     * own for that chunk, fails the execution with an {@link InvalidInputException} (field and
     * reason, no stack trace) before any step: nothing is read or written.
     */
    @Override
    public ChunkEncoderResult handleRequest(RawJson input, DurableContext ctx) {
        long started = System.nanoTime();
        VideoFunctionResources res = resources();
        ChunkTask task = ChunkTask.fromJson(StrictJson.parse(input.text()), "", res.stages.config().bucket());
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
