package io.durablebench.video.durable;

import io.durablebench.durable.DurableContext;
import io.durablebench.durable.MapResult;
import io.durablebench.durable.config.CompletionConfig;
import io.durablebench.durable.config.MapConfig;
import io.durablebench.durable.config.NestingType;
import io.durablebench.model.video.FanOutMode;
import io.durablebench.model.video.VideoChunkResult;
import io.durablebench.video.pipeline.ChunkTask;
import io.durablebench.video.pipeline.JobHooks;
import io.durablebench.video.pipeline.VideoStages;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The map that encodes chunks, the same in a job's own execution and in a slice's: one FLAT map
 * item per chunk (each item one operation), at most {@code maxConcurrency} at a time, stopping at
 * the first chunk that fails for good. An item runs the encode step on a thread of this invocation
 * (fan-out {@code in-process}) or chained-invokes {@code VideoChunkEncoderFunction}, whose one step is
 * the same encode step (fan-out {@code per-chunk-invocation}).
 */
final class ChunkMap {
    private ChunkMap() {
    }

    /**
     * @param afterEach called in each item once its chunk is done, with the chunk's index and the
     *                  item's context (the job's crash marker for mid-encode lives there)
     */
    static MapResult<VideoChunkResult> encode(DurableContext ctx, VideoFunctionResources resources,
                                              List<ChunkTask> tasks, FanOutMode fanOut, Integer maxConcurrency,
                                              JobHooks hooks, BiConsumer<Integer, DurableContext> afterEach) {
        VideoStages stages = resources.stages();
        return ctx.map("encode", tasks, VideoChunkResult.class, (task, i, item) -> {
            VideoChunkResult result;
            if (fanOut == FanOutMode.IN_PROCESS) {
                result = EncodeStep.run(item, stages, task, hooks).toResult(null);
            } else {
                ChunkEncoderResult r = item.invoke("encode-chunk-" + task.index(), resources.requireChunkEncoder(),
                        task, ChunkEncoderResult.class);
                result = r.chunk().toResult(r.metrics());
            }
            afterEach.accept(task.index(), item);
            return result;
        }, MapConfig.builder().maxConcurrency(maxConcurrency).nesting(NestingType.FLAT)
                .completionConfig(CompletionConfig.allSuccessful())
                .itemNamer((ChunkTask task, Integer i) -> "chunk-" + task.index()).build());
    }
}
