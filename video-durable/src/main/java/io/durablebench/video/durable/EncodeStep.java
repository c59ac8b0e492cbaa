package io.durablebench.video.durable;

import io.durablebench.durable.DurableContext;
import io.durablebench.video.pipeline.ChunkOutcome;
import io.durablebench.video.pipeline.ChunkTask;
import io.durablebench.video.pipeline.JobHooks;
import io.durablebench.video.pipeline.VideoStages;

/**
 * A chunk's encode as a durable step, {@code encode-chunk-<i>}: the same step in the pipeline's map
 * (fan-out in-process) and in the chunk encoder's own execution (per-chunk invocations), retried by
 * the shared {@code ChunkRetryPolicy} with the service scheduling the delays.
 */
final class EncodeStep {
    private EncodeStep() {
    }

    static ChunkOutcome run(DurableContext ctx, VideoStages stages, ChunkTask task, JobHooks hooks) {
        return ctx.step("encode-chunk-" + task.index(), ChunkOutcome.class,
                step -> stages.encode(task, step.getAttempt(), hooks), DurableRetries.chunk(stages.config().retry()));
    }
}
