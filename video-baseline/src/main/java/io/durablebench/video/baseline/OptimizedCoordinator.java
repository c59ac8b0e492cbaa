package io.durablebench.video.baseline;

import io.durablebench.model.FunctionError;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.video.FanOutMode;
import io.durablebench.model.video.VideoChunkResult;
import io.durablebench.model.video.VideoRequest;
import io.durablebench.model.video.VideoResponse;
import io.durablebench.video.media.InvalidMediaException;
import io.durablebench.video.media.VideoVerification;
import io.durablebench.video.pipeline.ChunkOutcome;
import io.durablebench.video.pipeline.ChunkTask;
import io.durablebench.video.pipeline.JobHooks;
import io.durablebench.video.pipeline.JobPlan;
import io.durablebench.video.pipeline.JobStage;
import io.durablebench.video.pipeline.SourceSummary;
import io.durablebench.video.pipeline.VideoStages;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The baseline as an experienced serverless engineer builds it without durable functions, with as
 * few DynamoDB calls as its guarantees allow. Per job without failures: 1 PutItem (claim), 1 write
 * per chunk (DONE), 1 UpdateItem (finish) = N + 2 calls; each failed attempt adds one write; with
 * per-chunk invocations the coordinator adds one Query per poll. See the module README for the
 * accounting and the guarantees.
 */
final class OptimizedCoordinator {
    private final VideoStages stages;
    private final JobTable table;
    private final ChunkRunner runner;
    private final WorkerDispatcher dispatcher;
    private final BaselineConfig config;
    private final Clock clock;

    OptimizedCoordinator(VideoStages stages, JobTable table, ChunkRunner runner, WorkerDispatcher dispatcher,
                         BaselineConfig config, Clock clock) {
        this.stages = stages;
        this.table = table;
        this.runner = runner;
        this.dispatcher = dispatcher;
        this.config = config;
        this.clock = clock;
    }

    /** The request id of this invocation (the job owner's name) and when Lambda will stop it. */
    record Invocation(String requestId, long deadlineMillis) {
    }

    /** @param hooks the job's test hooks ({@link JobHooks#NONE} in deployed functions) */
    VideoResponse run(VideoRequest request, Invocation invocation, JobHooks hooks) {
        String jobId = request.jobId();
        String owner = invocation.requestId();
        String hash = sha256(request.toJson());
        // Validate and plan before the claim: a refused source or plan then leaves no job record
        // behind (not even one written and deleted again). The price is one source read when a
        // request for a job that exists already is delivered again.
        VideoStages.ValidatedSource source;
        JobPlan plan;
        try {
            source = stages.validate(request);
            plan = VideoStages.plan(request, source.info());
        } catch (InvalidInputException | InvalidMediaException refused) {
            return VideoResponse.failed(jobId, VideoStages.refusal(refused), null);
        }
        JobClaim.Outcome claim = new JobClaim(table, config, clock).claim(jobId, hash, owner,
                invocation.deadlineMillis());
        if (claim.answer() != null) {
            return claim.answer();
        }
        Lease lease = new Lease(table, jobId, owner, config.lease(), clock);
        return runOwned(request, owner, lease, claim.resumed(), source, plan, hooks);
    }

    private VideoResponse runOwned(VideoRequest request, String owner, Lease lease, boolean resumed,
                                   VideoStages.ValidatedSource source, JobPlan plan, JobHooks hooks) {
        String jobId = request.jobId();
        JobHooks.Marker marker = (point, beforeRecording) -> {
            beforeRecording.run();
            return table.markCrash(jobId, point);
        };
        hooks.stageDone(JobStage.VALIDATE, marker);
        SourceSummary summary = source.summary();
        int n = plan.chunkCount();
        Map<Integer, ChunkRecord> known = new HashMap<>();
        if (resumed) {
            table.chunks(jobId, true).forEach(c -> known.put(c.index(), c));
        }
        List<Integer> todo = new ArrayList<>();
        Map<Integer, VideoChunkResult> results = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            ChunkRecord r = known.get(i);
            if (r != null && r.done()) {
                results.put(i, r.outcome().toResult(r.worker()));
            } else {
                todo.add(i);
            }
        }
        stages.split(request, source.bytes(), plan, todo);
        source = null;
        hooks.stageDone(JobStage.SPLIT, marker);

        FunctionError chunkFailure = request.fanOut() == FanOutMode.IN_PROCESS
                ? encodeInProcess(request, plan, todo, known, results, lease, hooks, marker)
                : encodeByWorkers(request, plan, todo, known, results, lease, hooks, marker);
        if (chunkFailure != null) {
            VideoResponse failed = VideoResponse.failed(jobId, chunkFailure, null);
            finish(jobId, owner, JobRecord.FAILED, failed);
            return failed;
        }
        hooks.stageDone(JobStage.ENCODE, marker);
        lease.renewIfDue();
        stages.assemble(request, n);
        hooks.stageDone(JobStage.ASSEMBLE, marker);
        lease.renewIfDue();
        VideoVerification verified = stages.verify(request, summary, plan.settings());
        if (!verified.ok()) {
            VideoResponse failed = VideoResponse.failed(jobId, VideoStages.verificationFailed(verified), null);
            finish(jobId, owner, JobRecord.FAILED, failed);
            return failed;
        }
        hooks.stageDone(JobStage.VERIFY, marker);
        VideoResponse ok = VideoStages.ok(request, verified, new ArrayList<>(results.values()), null);
        finish(jobId, owner, JobRecord.SUCCEEDED, ok);
        return ok;
    }

    // ------------------------------------------------------------------ fan-out: threads

    private FunctionError encodeInProcess(VideoRequest request, JobPlan plan, List<Integer> todo,
                                          Map<Integer, ChunkRecord> known, Map<Integer, VideoChunkResult> results,
                                          Lease lease, JobHooks hooks, JobHooks.Marker marker) {
        if (todo.isEmpty()) {
            return null;
        }
        int threads = Math.min(todo.size(), request.maxConcurrency() == null ? todo.size() : request.maxConcurrency());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "video-chunk-" + request.jobId());
            t.setDaemon(true);
            return t;
        });
        CompletionService<ChunkOutcome> done = new ExecutorCompletionService<>(pool);
        ChunkRunner.Progress progress = ChunkRunner.Progress.optimized(table, request.jobId(), null);
        Set<Integer> finished = new HashSet<>(results.keySet());
        try {
            for (int i : todo) {
                ChunkTask task = VideoStages.task(request, plan, i);
                int first = firstAttempt(known.get(i));
                done.submit(() -> runner.run(task, first, progress, hooks));
            }
            for (int remaining = todo.size(); remaining > 0; ) {
                Future<ChunkOutcome> f = done.poll(Math.max(1, lease.untilRenewal()), TimeUnit.MILLISECONDS);
                lease.renewIfDue();
                if (f == null) {
                    continue;
                }
                remaining--;
                ChunkOutcome outcome;
                try {
                    outcome = f.get();
                } catch (ExecutionException e) {
                    return chunkFailure(e.getCause());
                }
                results.put(outcome.index(), outcome.toResult(null));
                finished.add(outcome.index());
                hooks.chunksDone(finished, plan.chunkCount(), marker);
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding", e);
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ fan-out: one invocation per chunk

    private FunctionError encodeByWorkers(VideoRequest request, JobPlan plan, List<Integer> todo,
                                          Map<Integer, ChunkRecord> known, Map<Integer, VideoChunkResult> results,
                                          Lease lease, JobHooks hooks, JobHooks.Marker marker) {
        int limit = request.maxConcurrency() == null ? Integer.MAX_VALUE : request.maxConcurrency();
        List<Integer> waiting = new ArrayList<>(todo);
        Map<Integer, Long> inFlight = new HashMap<>(); // chunk -> when it was (last) sent
        Set<Integer> finished = new HashSet<>(results.keySet());
        Map<Integer, ChunkRecord> latest = new HashMap<>(known);
        long lostAfter = config.workerLostAfter().toMillis();
        while (!waiting.isEmpty() || !inFlight.isEmpty()) {
            while (inFlight.size() < limit && !waiting.isEmpty()) {
                int i = waiting.remove(0);
                dispatcher.dispatch(new WorkerTask(VideoStages.task(request, plan, i), firstAttempt(latest.get(i)),
                        Coordination.OPTIMIZED));
                inFlight.put(i, clock.millis());
            }
            sleep(config.pollInterval().toMillis());
            lease.renewIfDue();
            for (ChunkRecord r : table.chunks(request.jobId(), false)) {
                latest.put(r.index(), r);
                if (!inFlight.containsKey(r.index())) {
                    continue;
                }
                if (r.done()) {
                    inFlight.remove(r.index());
                    results.put(r.index(), r.outcome().toResult(r.worker()));
                    finished.add(r.index());
                } else if (r.failed()) {
                    return new FunctionError(FunctionError.INTERNAL_ERROR, "", "chunk " + r.index() + " failed after "
                            + r.attempts() + " attempt(s): " + r.lastError());
                }
            }
            long now = clock.millis();
            for (Map.Entry<Integer, Long> e : new ArrayList<>(inFlight.entrySet())) {
                ChunkRecord r = latest.get(e.getKey());
                long lastNews = Math.max(e.getValue(), r == null ? 0 : r.updatedAt());
                if (now - lastNews > lostAfter) {
                    // The worker's invocation must have ended without a word (its timeout has passed): send again.
                    dispatcher.dispatch(new WorkerTask(VideoStages.task(request, plan, e.getKey()), firstAttempt(r),
                            Coordination.OPTIMIZED));
                    inFlight.put(e.getKey(), now);
                }
            }
            hooks.chunksDone(finished, plan.chunkCount(), marker);
        }
        return null;
    }

    // ------------------------------------------------------------------ helpers

    private static int firstAttempt(ChunkRecord record) {
        return record == null ? 1 : record.attempts() + 1;
    }

    private static FunctionError chunkFailure(Throwable cause) {
        if (cause instanceof RuntimeException r && !(cause instanceof ChunkRunner.ChunkFailedException)
                && !(cause instanceof ChunkRunner.SupersededException)) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new FunctionError(FunctionError.INTERNAL_ERROR, "", cause.getMessage());
    }

    private void finish(String jobId, String owner, String status, VideoResponse response) {
        if (!table.finish(jobId, owner, status, StrictJson.write(forStorage(response)))) {
            throw new Lease.LostException(jobId);
        }
    }

    /** The answer kept in the job item for repeated requests: without per-invocation metrics (they are not its). */
    private static VideoResponse forStorage(VideoResponse r) {
        List<VideoChunkResult> chunks = r.chunks() == null ? null : r.chunks().stream()
                .map(c -> new VideoChunkResult(c.index(), c.firstFrame(), c.frameCount(), c.objectKey(), c.sizeBytes(),
                        c.attempts(), c.encodeMillis(), null)).toList();
        return new VideoResponse(r.jobId(), r.output(), r.frameCount(), r.durationSeconds(), r.width(), r.height(),
                chunks, null, r.error());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
