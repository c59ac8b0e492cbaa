package io.durablebench.video.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.JsonFields;
import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.model.video.FanOutMode;
import io.durablebench.model.video.VideoChunkResult;
import io.durablebench.model.video.VideoRequest;
import io.durablebench.model.video.VideoSliceResult;
import io.durablebench.model.video.WireEnums;
import io.durablebench.video.media.ChunkPlan;
import io.durablebench.video.media.EncodeSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * One slice of a job ({@link JobSlices}): the payload a coordinator sends the child that encodes
 * it, on both sides (a chained invoke of the durable slice function, an asynchronous invoke of the
 * baseline slice coordinator). It carries the slice's chunk plans, whose segments the coordinator
 * has stored, and nothing else: keys are derived from the job id, so a forged task can reach no
 * object but that job's own segments and chunks.
 *
 * @param jobId          the job
 * @param bucket         where the segments are and the chunks go
 * @param index          the slice's position, from 0
 * @param chunks         its chunk plans, consecutive chunk indexes
 * @param settings       the job's encoder settings
 * @param fanOut         how the slice encodes its chunks (threads, or one invocation per chunk)
 * @param maxConcurrency chunks of this slice encoding at the same time; null: all at once
 * @param faults         the job's {@code faults} section as sent (test hooks); null: none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SliceTask(String jobId, String bucket, int index, List<ChunkPlan> chunks, EncodeSettings settings,
                        FanOutMode fanOut, Integer maxConcurrency, JsonNode faults) {
    private static final Set<String> FIELDS = Set.of("jobId", "bucket", "index", "chunks", "settings", "fanOut",
            "maxConcurrency", "faults");

    public SliceTask {
        chunks = List.copyOf(chunks);
    }

    /** Slice {@code slice} of a planned job, as its coordinator sends it. */
    public static SliceTask of(VideoRequest request, JobPlan plan, JobSlices slices, int slice) {
        int first = slices.firstChunk(slice);
        return new SliceTask(request.jobId(), request.source().bucket(), slice,
                plan.chunks().subList(first, first + slices.chunksIn(slice)), plan.settings(), request.fanOut(),
                slices.chunksAtOnceInSlice(request.maxConcurrency()), request.faults());
    }

    public int firstChunk() {
        return chunks.get(0).index();
    }

    /** The tasks of the slice's chunks, in order. */
    public List<ChunkTask> tasks() {
        List<ChunkTask> out = new ArrayList<>(chunks.size());
        for (ChunkPlan c : chunks) {
            out.add(ChunkTask.of(jobId, bucket, c, settings, faults));
        }
        return out;
    }

    /**
     * The slice's answer: its chunks added up, and with per-chunk invocations what those invocations
     * reported ({@code worker} of each chunk), summed. The coordinator's own metrics are added by the
     * caller ({@link VideoSliceResult#withCoordinator}).
     */
    public VideoSliceResult result(Collection<VideoChunkResult> done) {
        long frames = 0;
        long bytes = 0;
        long attempts = 0;
        double millis = 0;
        InvocationMetrics workers = null;
        int workerInvocations = 0;
        for (VideoChunkResult c : done) {
            frames += c.frameCount();
            bytes += c.sizeBytes();
            attempts += c.attempts();
            millis += c.encodeMillis();
            if (c.worker() != null) {
                workers = workers == null ? c.worker() : workers.plus(c.worker());
                workerInvocations++;
            }
        }
        return new VideoSliceResult(index, firstChunk(), chunks.size(), frames, bytes, attempts, millis, null, workers,
                workerInvocations);
    }

    /**
     * Decodes a slice task strictly and checks that a coordinator of this bucket could have sent it:
     * the bucket is the function's own, the chunks are consecutive, at most
     * {@link JobSlices#MAX_SLICE_CHUNKS} of them. Every refusal names the field.
     *
     * @param path where the task is in the document ("" at the root)
     */
    public static SliceTask fromJson(JsonNode node, String path, String bucket) {
        JsonFields f = path.isEmpty() ? JsonFields.root(node, FIELDS) : JsonFields.object(node, path, FIELDS);
        String jobId = f.requiredId("jobId");
        ChunkTask.requireBucket(f, bucket);
        int index = (int) f.requiredLong("index", 0, VideoRequest.MAX_CHUNKS - 1);
        List<ChunkPlan> chunks = f.requiredArray("chunks", JobSlices.MAX_SLICE_CHUNKS, ChunkTask::chunkPlan);
        for (int i = 1; i < chunks.size(); i++) {
            if (chunks.get(i).index() != chunks.get(0).index() + i) {
                throw new InvalidInputException(f.pathOf("chunks") + "[" + i + "].index", "must be "
                        + (chunks.get(0).index() + i) + ": a slice's chunks are consecutive");
            }
        }
        EncodeSettings settings = ChunkTask.settings(f.raw("settings"), f.pathOf("settings"));
        FanOutMode fanOut = WireEnums.optional(f, "fanOut", FanOutMode.wireNames(), FanOutMode::fromWireName);
        if (fanOut == null) {
            throw new InvalidInputException(f.pathOf("fanOut"), "required: one of " + FanOutMode.wireNames());
        }
        Integer maxConcurrency = f.optionalLong("maxConcurrency", 1, JobSlices.MAX_SLICE_CHUNKS).map(Long::intValue)
                .orElse(null);
        JsonNode faults = f.has("faults") ? f.raw("faults") : null;
        return new SliceTask(jobId, bucket, index, chunks, settings, fanOut, maxConcurrency, faults);
    }
}
