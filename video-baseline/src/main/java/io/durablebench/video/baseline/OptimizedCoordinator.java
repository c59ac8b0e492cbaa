package io.durablebench.video.baseline;

import io.durablebench.model.FunctionError;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.video.VideoChunkResult;
import io.durablebench.model.video.VideoRequest;
import io.durablebench.model.video.VideoResponse;
import io.durablebench.model.video.VideoSliceResult;
import io.durablebench.video.media.InvalidMediaException;
import io.durablebench.video.media.VideoVerification;
import io.durablebench.video.pipeline.ChunkTask;
import io.durablebench.video.pipeline.JobHooks;
import io.durablebench.video.pipeline.JobPlan;
import io.durablebench.video.pipeline.JobSlices;
import io.durablebench.video.pipeline.JobStage;
import io.durablebench.video.pipeline.SourceSummary;
import io.durablebench.video.pipeline.VideoStages;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The baseline as an experienced serverless engineer builds it without durable functions, with as
 * few DynamoDB calls as its guarantees allow. Per job without failures: 1 PutItem (claim), 1 write
 * per chunk (DONE), 1 UpdateItem (finish) = N + 2 calls; each failed attempt adds one write; with
 * per-chunk invocations the coordinator adds one Query per poll. A job of more chunks than one
 * coordinator owns runs in slices ({@link SlicedJob}): one more write per slice and the polls of
 * the slice items. A job that fails for good undoes its partial work ({@link BaselineCompensation}).
 * See the module README for the accounting and the guarantees.
 */
record OptimizedCoordinator(VideoStages stages, JobClaim claims, ChunkFanOut fanOut, SlicedJob sliced,
                            BaselineCompensation compensation) {
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
        JobClaim.Outcome claim = claims.claim(jobId, hash, owner,
                invocation.deadlineMillis());
        if (claim.answer() != null) {
            return claim.answer();
        }
        if (claim.compensating() != null) {
            // taken over in the middle of a compensation: finish it, never encode again
            return compensation.run(request, owner, claim.compensating(), true, hooks, marker(jobId));
        }
        Lease lease = claims.lease(jobId, owner);
        return runOwned(request, owner, lease, claim.resumed(), source, plan, hooks);
    }

    /** Records a crash point's first time in the job item (test hooks). */
    private JobHooks.Marker marker(String jobId) {
        return (point, beforeRecording) -> {
            beforeRecording.run();
            return claims.table().markCrash(jobId, point);
        };
    }

    private VideoResponse runOwned(VideoRequest request, String owner, Lease lease, boolean resumed,
                                   VideoStages.ValidatedSource source, JobPlan plan, JobHooks hooks) {
        String jobId = request.jobId();
        JobHooks.Marker marker = marker(jobId);
        hooks.stageDone(JobStage.VALIDATE, marker);
        SourceSummary summary = source.summary();
        JobSlices slices = stages.config().slices(plan.chunkCount());
        if (slices.sliced()) {
            SlicedJob.Outcome encoded = sliced.encode(request, plan, slices, source.bytes(), resumed, lease, hooks,
                    marker);
            return complete(request, owner, lease, summary, plan, hooks, marker, encoded.failure(),
                    verified -> VideoStages.okInSlices(request, verified, encoded.slices(), null));
        }
        int n = plan.chunkCount();
        Map<Integer, ChunkRecord> known = new HashMap<>();
        if (resumed) {
            claims.table().chunks(jobId, true).forEach(c -> known.put(c.index(), c));
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
        List<ChunkTask> tasks = todo.stream().map(i -> VideoStages.task(request, plan, i)).toList();
        FunctionError chunkFailure = fanOut.encode(new ChunkFanOut.Run(jobId, tasks, known, 0, n - 1,
                request.fanOut(), request.maxConcurrency()), results, new ChunkFanOut.Waiting() {
                    @Override
                    public long untilDue() {
                        return lease.untilRenewal();
                    }

                    @Override
                    public void tick() {
                        lease.renewIfDue();
                    }
                }, hooks, finished -> hooks.chunksDone(finished, n, marker));
        return complete(request, owner, lease, summary, plan, hooks, marker, chunkFailure,
                verified -> VideoStages.ok(request, verified, new ArrayList<>(results.values()), null));
    }

    /** After the encode stage: assemble, verify and finish the job with {@code answer}'s answer. */
    private VideoResponse complete(VideoRequest request, String owner, Lease lease, SourceSummary summary, JobPlan plan,
                                   JobHooks hooks, JobHooks.Marker marker, FunctionError encodeFailure,
                                   Function<VideoVerification, VideoResponse> answer) {
        String jobId = request.jobId();
        if (encodeFailure != null) {
            return compensation.run(request, owner, VideoResponse.failed(jobId, encodeFailure, null), false, hooks,
                    marker);
        }
        hooks.stageDone(JobStage.ENCODE, marker);
        lease.renewIfDue();
        stages.assemble(request, plan.chunkCount());
        hooks.stageDone(JobStage.ASSEMBLE, marker);
        lease.renewIfDue();
        VideoVerification verified = stages.verify(request, summary, plan.settings());
        if (!verified.ok()) {
            return compensation.run(request, owner, VideoResponse.failed(jobId, VideoStages.verificationFailed(verified),
                    null), false, hooks, marker);
        }
        hooks.stageDone(JobStage.VERIFY, marker);
        VideoResponse ok = answer.apply(verified);
        finish(jobId, owner, JobRecord.SUCCEEDED, ok);
        return ok;
    }

    private void finish(String jobId, String owner, String status, VideoResponse response) {
        if (!claims.table().finish(jobId, owner, status, StrictJson.write(forStorage(response)))) {
            throw new Lease.LostException(jobId);
        }
    }

    /**
     * The answer kept in the job item for repeated requests: without per-invocation metrics (they
     * are not its). A job in slices keeps one entry per slice, so the item stays far below
     * DynamoDB's 400 KB whatever the job's size.
     */
    static VideoResponse forStorage(VideoResponse r) {
        List<VideoChunkResult> chunks = r.chunks() == null ? null : r.chunks().stream()
                .map(c -> new VideoChunkResult(c.index(), c.firstFrame(), c.frameCount(), c.objectKey(), c.sizeBytes(),
                        c.attempts(), c.encodeMillis(), null)).toList();
        List<VideoSliceResult> slices = r.slices() == null ? null : r.slices().stream()
                .map(s -> new VideoSliceResult(s.index(), s.firstChunk(), s.chunkCount(), s.frameCount(), s.sizeBytes(),
                        s.attempts(), s.encodeMillis(), null, null, 0)).toList();
        return new VideoResponse(r.jobId(), r.output(), r.frameCount(), r.durationSeconds(), r.width(), r.height(),
                chunks, slices, null, r.error(), r.compensation());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
