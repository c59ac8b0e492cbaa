package io.durablebench.video.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.JsonFields;
import io.durablebench.video.pipeline.SliceTask;
import java.util.Set;

/**
 * The event a job's coordinator sends a slice coordinator (asynchronous Invoke).
 *
 * @param slice  the slice to encode ({@link SliceTask}, the same payload as the durable side's)
 * @param resume read the slice's chunk items first and encode only the chunks not DONE, continuing
 *               their attempt counts: the slice is sent again (its coordinator was lost) or by a job
 *               that was taken over
 */
public record SliceEvent(SliceTask slice, boolean resume) {
    private static final Set<String> FIELDS = Set.of("slice", "resume");

    /** Decodes a slice event strictly (the slice with {@link SliceTask#fromJson}); every refusal names the field. */
    public static SliceEvent fromJson(JsonNode node, String bucket) {
        JsonFields f = JsonFields.root(node, FIELDS);
        if (!f.has("slice")) {
            throw new InvalidInputException("slice", "required object is missing");
        }
        SliceTask slice = SliceTask.fromJson(f.raw("slice"), "slice", bucket);
        boolean resume = f.optionalBoolean("resume").orElseThrow(
                () -> new InvalidInputException("resume", "required boolean is missing"));
        return new SliceEvent(slice, resume);
    }
}
