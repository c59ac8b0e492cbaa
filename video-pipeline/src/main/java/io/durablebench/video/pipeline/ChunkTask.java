package io.durablebench.video.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.JsonFields;
import io.durablebench.model.video.VideoRequest;
import io.durablebench.video.media.ChunkPlan;
import io.durablebench.video.media.EncodeSettings;
import java.util.Set;

/**
 * Everything needed to encode one chunk, and nothing more: the payload of a per-chunk invocation
 * on both sides (object keys, not bytes).
 *
 * @param jobId      the job
 * @param bucket     where the segment is and the chunk goes
 * @param chunk      the chunk's place in the source
 * @param segmentKey the chunk's source segment (written by the split)
 * @param chunkKey   where the encoded chunk goes
 * @param settings   the encoder settings of the job
 * @param faults     the job's {@code faults} section as sent (test hooks, see {@link VideoTestHooks}); null: none
 */
public record ChunkTask(String jobId, String bucket, ChunkPlan chunk, String segmentKey, String chunkKey,
                        EncodeSettings settings, JsonNode faults) {
    public int index() {
        return chunk.index();
    }

    /** More frames than any source within the size limits has; a bigger number is not a real plan. */
    public static final int MAX_FRAME = 10_000_000;
    private static final Set<String> FIELDS = Set.of("jobId", "bucket", "chunk", "segmentKey", "chunkKey", "settings",
            "faults");
    private static final Set<String> CHUNK_FIELDS = Set.of("index", "firstFrame", "frameCount", "decodeFromFrame");
    private static final Set<String> SETTINGS_FIELDS = Set.of("width", "height", "qp", "keyInterval", "motionSearchRange");

    /**
     * Decodes a chunk task strictly and checks that it is one a coordinator of this bucket could have
     * sent: the bucket is the function's own, and the segment and chunk keys are exactly the job's
     * keys for that chunk ({@code jobs/<jobId>/segments|chunks/<index>.mp4}). So a forged task can
     * neither read nor write any other object (sources, other chunks, outputs) through the chunk
     * functions, whatever their IAM policy allows. Every refusal names the field.
     *
     * @param path   where the task is in the document ("" at the root, "chunk" in a worker event)
     * @param bucket the function's bucket
     */
    public static ChunkTask fromJson(JsonNode node, String path, String bucket) {
        JsonFields f = path.isEmpty() ? JsonFields.root(node, FIELDS) : JsonFields.object(node, path, FIELDS);
        String jobId = f.requiredId("jobId");
        requireBucket(f, bucket);
        ChunkPlan chunk = chunkPlan(f.raw("chunk"), f.pathOf("chunk"));
        ChunkTask task = of(jobId, bucket, chunk, null, null);
        expectKey(f, "segmentKey", task.segmentKey());
        expectKey(f, "chunkKey", task.chunkKey());
        EncodeSettings settings = settings(f.raw("settings"), f.pathOf("settings"));
        JsonNode faults = f.has("faults") ? f.raw("faults") : null;
        return of(jobId, bucket, chunk, settings, faults);
    }

    /** The task of one chunk of job {@code jobId}, with the job's own keys for it. */
    public static ChunkTask of(String jobId, String bucket, ChunkPlan chunk, EncodeSettings settings, JsonNode faults) {
        VideoRequest job = new VideoRequest(jobId, new io.durablebench.model.video.S3ObjectRef(bucket, "inputs/x"), 1,
                null, null, null, null, null);
        return new ChunkTask(jobId, bucket, chunk, job.segmentObject(chunk.index()).key(),
                job.chunkObject(chunk.index()).key(), settings, faults);
    }

    static void requireBucket(JsonFields f, String bucket) {
        String taskBucket = f.requiredString("bucket");
        if (!taskBucket.equals(bucket)) {
            throw new InvalidInputException(f.pathOf("bucket"), "this function works only in bucket \"" + bucket
                    + "\"");
        }
    }

    /** A chunk's place in the source, decoded strictly. */
    static ChunkPlan chunkPlan(JsonNode node, String path) {
        JsonFields c = JsonFields.object(node, path, CHUNK_FIELDS);
        int index = (int) c.requiredLong("index", 0, VideoRequest.MAX_CHUNKS - 1);
        int firstFrame = (int) c.requiredLong("firstFrame", 0, MAX_FRAME);
        int frameCount = (int) c.requiredLong("frameCount", 1, MAX_FRAME);
        int decodeFrom = (int) c.requiredLong("decodeFromFrame", 0, firstFrame);
        return new ChunkPlan(index, firstFrame, frameCount, decodeFrom);
    }

    /** A job's encoder settings, decoded strictly. */
    static EncodeSettings settings(JsonNode node, String path) {
        JsonFields s = JsonFields.object(node, path, SETTINGS_FIELDS);
        try {
            return new EncodeSettings((int) s.requiredLong("width", 16, 1920), (int) s.requiredLong("height", 16, 1080),
                    (int) s.requiredLong("qp", EncodeSettings.MIN_QP, EncodeSettings.MAX_QP),
                    (int) s.requiredLong("keyInterval", 1, 10_000), (int) s.requiredLong("motionSearchRange", 0, 64));
        } catch (IllegalArgumentException odd) {
            throw new InvalidInputException(path, odd.getMessage());
        }
    }

    private static void expectKey(JsonFields f, String field, String expected) {
        String key = f.requiredString(field);
        if (!key.equals(expected)) {
            throw new InvalidInputException(f.pathOf(field), "must be \"" + expected + "\" for this job and chunk");
        }
    }
}
