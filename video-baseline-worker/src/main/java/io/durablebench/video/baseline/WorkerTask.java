package io.durablebench.video.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.JsonFields;
import io.durablebench.video.pipeline.ChunkTask;
import java.util.Set;

/**
 * The event a baseline coordinator sends a chunk worker (asynchronous Invoke).
 *
 * @param chunk        the chunk to encode
 * @param firstAttempt the attempt number to start at: 1, or one more than the chunk record's count
 *                     when a lost worker's chunk is sent again (so injected failures continue the
 *                     same sequence as in the durable function)
 * @param coordination how the worker records its progress
 */
public record WorkerTask(ChunkTask chunk, int firstAttempt, Coordination coordination) {
    private static final Set<String> FIELDS = Set.of("chunk", "firstAttempt", "coordination");
    /** Far more attempts than any retry policy makes; a bigger first attempt is not a real event. */
    public static final int MAX_ATTEMPT = 1000;

    /**
     * Decodes a worker event strictly (the chunk with {@link ChunkTask#fromJson}, so its bucket and
     * keys must be the job's own); every refusal names the field.
     */
    public static WorkerTask fromJson(JsonNode node, String bucket) {
        JsonFields f = JsonFields.root(node, FIELDS);
        if (!f.has("chunk")) {
            throw new InvalidInputException("chunk", "required object is missing");
        }
        ChunkTask chunk = ChunkTask.fromJson(f.raw("chunk"), "chunk", bucket);
        int firstAttempt = (int) f.requiredLong("firstAttempt", 1, MAX_ATTEMPT);
        Coordination coordination = f.requiredEnum("coordination", Coordination.class);
        return new WorkerTask(chunk, firstAttempt, coordination);
    }
}
