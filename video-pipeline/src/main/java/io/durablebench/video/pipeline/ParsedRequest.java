package io.durablebench.video.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.FunctionError;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.JsonFields;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.video.VideoRequest;

/**
 * A request document read the one way both video functions read it (strict JSON, every field
 * checked): either the request, or the refusal naming the field, with the job id when the document
 * had a valid one so that the refusal can still be matched to its job.
 */
public record ParsedRequest(VideoRequest request, FunctionError error, String jobId) {

    public static ParsedRequest parse(byte[] document) {
        JsonNode node;
        try {
            node = StrictJson.parse(document);
        } catch (InvalidInputException e) {
            return new ParsedRequest(null, FunctionError.of(e), null);
        }
        JsonNode id = node.isObject() ? node.get("jobId") : null;
        String jobId = id != null && id.isTextual() && JsonFields.ID_PATTERN.matcher(id.asText()).matches()
                ? id.asText() : null;
        try {
            return new ParsedRequest(VideoRequest.fromJson(node), null, jobId);
        } catch (InvalidInputException e) {
            return new ParsedRequest(null, FunctionError.of(e), jobId);
        }
    }

    public boolean ok() {
        return request != null;
    }
}
