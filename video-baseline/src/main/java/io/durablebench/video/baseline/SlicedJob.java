package io.durablebench.video.baseline;

import io.durablebench.model.FunctionError;
import io.durablebench.model.video.VideoRequest;
import io.durablebench.model.video.VideoSliceResult;
import io.durablebench.video.pipeline.JobHooks;
import io.durablebench.video.pipeline.JobPlan;
import io.durablebench.video.pipeline.JobSlices;
import io.durablebench.video.pipeline.JobStage;
import io.durablebench.video.pipeline.SliceTask;
import io.durablebench.video.pipeline.VideoStages;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The encode stage of a job too large for one coordinator ({@link JobSlices}), as the baseline does
 * it, the same structure as the durable side: the job's coordinator stores every slice's segments,
 * sends each slice to a slice coordinator with an asynchronous Invoke (at most
 * {@link JobSlices#slicesAtOnce} at a time) and waits for their slice items, one Query per poll; a
 * slice not DONE {@code SLICE_LOST_AFTER_SECONDS} after it was sent has lost its coordinator (Lambda
 * has ended that invocation by then) and is sent again, to resume from its chunk items. A resumed
 * job reads the slice items first (one consistent Query) and sends only the slices not DONE.
 *
 * <p>The job's test hooks are told of the chunks done as slices finish, so the mid-encode crash
 * happens in the job's coordinator, as in a job of one slice.
 */
record SlicedJob(VideoStages stages, SliceTable table, SliceDispatcher dispatcher, BaselineConfig config,
                 Clock clock) {
    /** The slices' answers in order, or why the first failed slice failed. */
    record Outcome(List<VideoSliceResult> slices, FunctionError failure) {
    }

    Outcome encode(VideoRequest request, JobPlan plan, JobSlices slices, byte[] source, boolean resumed, Lease lease,
                   JobHooks hooks, JobHooks.Marker marker) {
        String jobId = request.jobId();
        Map<Integer, VideoSliceResult> done = new TreeMap<>();
        if (resumed) {
            table.slices(jobId, true).stream().filter(SliceRecord::done).forEach(r -> done.put(r.index(), r.result()));
        }
        List<Integer> waiting = new ArrayList<>();
        List<Integer> toSplit = new ArrayList<>();
        for (int k = 0; k < slices.sliceCount(); k++) {
            if (!done.containsKey(k)) {
                waiting.add(k);
                toSplit.addAll(VideoStages.chunksOf(slices, k));
            }
        }
        stages.split(request, source, plan, toSplit);
        hooks.stageDone(JobStage.SPLIT, marker);

        int limit = slices.slicesAtOnce(request.maxConcurrency());
        Map<Integer, Long> inFlight = new HashMap<>(); // slice -> when it was (last) sent
        Set<Integer> chunksDone = new HashSet<>();
        done.values().forEach(r -> addChunks(chunksDone, r));
        long lostAfter = config.sliceLostAfter().toMillis();
        FunctionError failure = null;
        while (!waiting.isEmpty() || !inFlight.isEmpty()) {
            while (inFlight.size() < limit && !waiting.isEmpty()) {
                int k = waiting.remove(0);
                dispatcher.dispatch(new SliceEvent(SliceTask.of(request, plan, slices, k), resumed));
                inFlight.put(k, clock.millis());
            }
            Waits.sleep(config.pollInterval().toMillis(), "interrupted");
            lease.renewIfDue();
            for (SliceRecord r : table.slices(jobId, false)) {
                if (!inFlight.containsKey(r.index())) {
                    continue;
                }
                if (r.done()) {
                    inFlight.remove(r.index());
                    done.put(r.index(), r.result());
                    addChunks(chunksDone, r.result());
                } else if (r.failed()) {
                    // the other slices run to their end: the job compensates only once none can still write
                    inFlight.remove(r.index());
                    failure = failure != null ? failure : new FunctionError(FunctionError.INTERNAL_ERROR, "", "slice "
                            + r.index() + " failed: " + r.error());
                }
            }
            long now = clock.millis();
            for (Map.Entry<Integer, Long> e : new ArrayList<>(inFlight.entrySet())) {
                if (now - e.getValue() > lostAfter) {
                    // Its coordinator's invocation must have ended without a word: send again, resuming.
                    dispatcher.dispatch(new SliceEvent(SliceTask.of(request, plan, slices, e.getKey()), true));
                    inFlight.put(e.getKey(), now);
                }
            }
            hooks.chunksDone(chunksDone, slices.chunkCount(), marker);
        }
        return failure != null ? new Outcome(null, failure) : new Outcome(new ArrayList<>(done.values()), null);
    }

    private static void addChunks(Set<Integer> chunks, VideoSliceResult slice) {
        for (int i = 0; i < slice.chunkCount(); i++) {
            chunks.add(slice.firstChunk() + i);
        }
    }
}
