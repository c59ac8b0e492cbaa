package io.durablebench.video.durable;

import io.durablebench.durable.BatchItem;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.MapResult;
import io.durablebench.model.video.VideoChunkResult;
import io.durablebench.model.video.VideoSliceResult;
import io.durablebench.video.pipeline.JobHooks;
import io.durablebench.video.pipeline.SliceTask;

/**
 * One slice of a job in slices, in a durable child execution of its own: the same chunk map as a
 * job of one slice ({@link ChunkMap}), over the slice's chunks only, whose segments the job stored.
 * Its answer adds its chunks up ({@link SliceTask#result}); a chunk that fails for good fails the
 * slice's execution, which the job's map sees as a failed slice.
 */
record SliceWorkflow(DurableContext ctx, VideoFunctionResources resources, SliceTask task, JobHooks hooks) {
    /** A chunk of the slice failed all its attempts (or failed for good): the slice's execution fails. */
    static final class ChunkFailedException extends RuntimeException {
        ChunkFailedException(String message) {
            super(message, null, false, false);
        }
    }

    /** The slice's answer, without its own metrics (the handler adds the invocation's). */
    VideoSliceResult run() {
        MapResult<VideoChunkResult> chunks = ChunkMap.encode(ctx, resources, task.tasks(), task.fanOut(),
                task.maxConcurrency(), hooks, (index, item) -> {
                });
        if (chunks.hasFailure()) {
            BatchItem<VideoChunkResult> first = chunks.getFailed().get(0);
            throw new ChunkFailedException("chunk " + (task.firstChunk() + first.index()) + " failed: "
                    + first.error().errorType() + ": " + first.error().errorMessage());
        }
        return task.result(chunks.getResults());
    }
}
