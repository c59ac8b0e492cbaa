package io.durablebench.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.json.StrictJson;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** A function's answer: its JSON (an empty object if it was not JSON) and its error, if any. */
record Answer(JsonNode json, String error) {
    static Answer of(InvokeResponse r) {
        String payload = r.payload() == null ? "" : r.payload().asUtf8String();
        JsonNode json;
        try {
            json = StrictJson.parse(payload);
        } catch (RuntimeException e) {
            json = StrictJson.mapper().createObjectNode();
        }
        String error = null;
        if (r.functionError() != null) {
            error = json.path("errorType").asText(r.functionError());
        } else if (json.has("error")) {
            error = json.path("error").path("type").asText("Error");
        }
        return new Answer(json, error);
    }

    boolean ok() {
        return error == null;
    }

    String errorOr(String otherwise) {
        return error == null ? otherwise : error;
    }
}
