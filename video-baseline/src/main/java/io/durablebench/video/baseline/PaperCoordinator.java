package io.durablebench.video.baseline;

import io.durablebench.model.FunctionError;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.video.FanOutMode;
import io.durablebench.model.video.VideoChunkResult;
import io.durablebench.model.video.VideoCompensation;
import io.durablebench.model.video.VideoRequest;
import io.durablebench.model.video.VideoResponse;
import io.durablebench.video.media.InvalidMediaException;
import io.durablebench.video.media.VideoVerification;
import io.durablebench.video.pipeline.ChunkTask;
import io.durablebench.video.pipeline.JobHooks;
import io.durablebench.video.pipeline.JobPlan;
import io.durablebench.video.pipeline.SourceSummary;
import io.durablebench.video.pipeline.VideoObjects;
import io.durablebench.video.pipeline.VideoStages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The paper's baseline coordination, reproduced to compare store-operation counts (its Table 2):
 * the coordinator writes a job record and one status record per chunk up front, each chunk's
 * runner marks its record RUNNING and then DONE, and the coordinator polls: every poll interval it
 * reads every chunk's status record (one GetItem each) until all are DONE, then marks the job
 * ASSEMBLING and finally DONE. Calls per job of N chunks without failures:
 * {@code 1 + N + 2N + kN + 2 = 3 + 3N + kN}, k being the number of polling rounds (for N = 10:
 * 53 with two rounds, 63 with three). The media work is the same as everywhere else; only the
 * coordination is the paper's. It keeps the paper's lack of idempotency and leases, so it is not
 * used for fault runs (crash points are refused).
 */
record PaperCoordinator(WorkerResources shared, WorkerDispatcher dispatcher, CompensationTable compensation,
                        BaselineConfig config) {
    static final String ASSEMBLING = "ASSEMBLING";
    static final String DONE = "DONE";
    /** What a failed paper-mode job keeps. */
    static final List<String> KEPT = List.of("the job item (status FAILED with this answer), expiring 7 days after "
            + "its last write");

    /** @param hooks the job's test hooks: injected chunk failures only (crash points are refused for this mode) */
    VideoResponse run(VideoRequest request, JobHooks hooks) {
        String jobId = request.jobId();
        VideoStages.ValidatedSource source;
        JobPlan plan;
        try {
            source = shared.stages().validate(request);
            plan = VideoStages.plan(request, source.info());
        } catch (InvalidInputException | InvalidMediaException refused) {
            return VideoResponse.failed(jobId, VideoStages.refusal(refused), null);
        }
        SourceSummary summary = source.summary();
        int n = plan.chunkCount();
        shared.paperTable().createJob(jobId, n);
        for (int i = 0; i < n; i++) {
            shared.paperTable().createChunk(jobId, i);
        }
        shared.stages().split(request, source.bytes(), plan, VideoStages.allChunks(plan));
        source = null;

        ExecutorService pool = null;
        if (request.fanOut() == FanOutMode.IN_PROCESS) {
            int threads = Math.min(n, request.maxConcurrency() == null ? n : request.maxConcurrency());
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "video-chunk-paper-" + jobId);
                t.setDaemon(true);
                return t;
            });
            ChunkRunner.Progress progress = ChunkRunner.Progress.paper(shared.paperTable(), shared.table(), jobId, null);
            for (int i = 0; i < n; i++) {
                ChunkTask task = VideoStages.task(request, plan, i);
                pool.submit(() -> {
                    try {
                        shared.runner().run(task, 1, progress, hooks);
                    } catch (RuntimeException e) {
                        // recorded as FAILED in the chunk's record by the runner; the poll finds it
                    }
                });
            }
        } else {
            // The paper sent every chunk at once; maxConcurrency is not part of its design.
            for (int i = 0; i < n; i++) {
                dispatcher.dispatch(new WorkerTask(VideoStages.task(request, plan, i), 1, Coordination.PAPER));
            }
        }
        List<ChunkRecord> records;
        try {
            records = poll(jobId, n);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        for (ChunkRecord r : records) {
            if (r.failed()) {
                return compensated(request, VideoResponse.failed(jobId, new FunctionError(FunctionError.INTERNAL_ERROR,
                        "", "chunk " + r.index() + " failed after " + r.attempts() + " attempt(s): " + r.lastError()),
                        null));
            }
        }
        shared.paperTable().jobStatus(jobId, ASSEMBLING, null);
        shared.stages().assemble(request, n);
        VideoVerification verified = shared.stages().verify(request, summary, plan.settings());
        if (!verified.ok()) {
            return compensated(request, VideoResponse.failed(jobId, VideoStages.verificationFailed(verified), null));
        }
        boolean workers = request.fanOut() == FanOutMode.PER_CHUNK_INVOCATION;
        List<VideoChunkResult> chunks = new ArrayList<>();
        for (ChunkRecord r : records) {
            chunks.add(r.outcome().toResult(workers ? r.worker() : null));
        }
        VideoResponse ok = VideoStages.ok(request, verified, chunks, null);
        shared.paperTable().jobStatus(jobId, DONE, StrictJson.write(ok));
        return ok;
    }

    /**
     * A job that failed for good: deletes its objects and its chunk records, then records the job
     * FAILED with the answer. Not resumed after a crash: the paper's design has no recovery at all.
     */
    private VideoResponse compensated(VideoRequest request, VideoResponse failed) {
        VideoObjects.Deleted objects = shared.stages().undoEncode(request).plus(shared.stages().undoSplit(request));
        CompensationTable.Undone items = compensation.deleteOtherItems(request.jobId());
        VideoResponse answer = failed.withCompensation(new VideoCompensation(objects.objects(), items.items(),
                objects.calls() + items.calls() + 1, KEPT));
        shared.paperTable().jobStatus(request.jobId(), JobRecord.FAILED, StrictJson.write(answer));
        return answer;
    }

    /**
     * Rounds of reading every chunk's status record, one GetItem each, until every chunk has ended
     * (DONE or FAILED: a failed job compensates only once no chunk can still write).
     */
    private List<ChunkRecord> poll(String jobId, int n) {
        while (true) {
            Waits.sleep(config.pollInterval().toMillis(), "interrupted");
            List<ChunkRecord> round = new ArrayList<>(n);
            boolean allEnded = true;
            for (int i = 0; i < n; i++) {
                Optional<ChunkRecord> r = shared.table().chunk(jobId, i);
                if (r.isEmpty()) {
                    throw new IllegalStateException("chunk record " + i + " of job " + jobId + " disappeared");
                }
                round.add(r.get());
                allEnded &= r.get().done() || r.get().failed();
            }
            if (allEnded) {
                return round;
            }
        }
    }
}
