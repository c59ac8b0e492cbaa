package io.durablebench.video.baseline;

import io.durablebench.model.FunctionError;
import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.model.video.VideoChunkResult;
import io.durablebench.model.video.VideoSliceResult;
import io.durablebench.video.pipeline.ChunkTask;
import io.durablebench.video.pipeline.JobHooks;
import io.durablebench.video.pipeline.SliceTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One slice of a baseline job in slices, in an invocation of its own: the same chunk fan-out as a
 * job of one slice ({@link ChunkFanOut}) over the slice's chunks, each finished chunk one DONE write
 * in its item, then one write of the slice item (DONE with the slice's answer, or FAILED). Sent
 * again (its coordinator was lost) or by a taken-over job, it reads its chunk items first (one
 * consistent Query) and encodes only the chunks not DONE. A duplicate delivery finds the chunks'
 * and the slice's conditional writes refused and changes nothing.
 */
record SliceCoordinator(JobTable chunks, SliceTable slices, ChunkFanOut fanOut) {
    /**
     * @param cost what this invocation cost so far (the slice item's write is added to it)
     * @return the slice's answer, or null when a chunk failed for good (recorded in the slice item)
     */
    VideoSliceResult run(SliceEvent event, JobHooks hooks, Supplier<InvocationMetrics> cost) {
        SliceTask task = event.slice();
        int first = task.firstChunk();
        int last = first + task.chunks().size() - 1;
        Map<Integer, ChunkRecord> known = new HashMap<>();
        if (event.resume()) {
            chunks.chunks(task.jobId(), first, last, true).forEach(r -> known.put(r.index(), r));
        }
        Map<Integer, VideoChunkResult> results = new TreeMap<>();
        List<ChunkTask> todo = new ArrayList<>();
        for (ChunkTask t : task.tasks()) {
            ChunkRecord r = known.get(t.index());
            if (r != null && r.done()) {
                results.put(t.index(), r.outcome().toResult(r.worker()));
            } else {
                todo.add(t);
            }
        }
        FunctionError failure = fanOut.encode(new ChunkFanOut.Run(task.jobId(), todo, known, first, last,
                task.fanOut(), task.maxConcurrency()), results, ChunkFanOut.Waiting.NONE, hooks, done -> {
        });
        if (failure != null) {
            slices.failed(task.jobId(), task.index(), failure.message());
            return null;
        }
        VideoSliceResult answer = task.result(results.values()).withCoordinator(cost.get());
        slices.done(task.jobId(), answer);
        return answer;
    }
}
