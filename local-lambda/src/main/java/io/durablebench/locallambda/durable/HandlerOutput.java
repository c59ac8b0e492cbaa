package io.durablebench.locallambda.durable;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.locallambda.durable.model.ErrorObject;
import io.durablebench.locallambda.error.LambdaApiException;
import io.durablebench.locallambda.json.Json;
import io.durablebench.locallambda.json.WireJson;
import java.io.IOException;

/** The handler's output document {@code {"Status","Result","Error"}}, or why it is invalid. */
record HandlerOutput(String status, String result, ErrorObject error, String invalid) {
    static HandlerOutput parse(byte[] bytes) {
        JsonNode n;
        try {
            n = Json.parse(bytes);
        } catch (IOException e) {
            return invalidOutput("The handler's output is not JSON: " + e.getMessage());
        }
        if (n == null || !n.isObject()) {
            return invalidOutput("The handler's output is not a JSON object with a Status.");
        }
        JsonNode status = n.get("Status");
        if (status == null || !status.isTextual()) {
            return invalidOutput("Response status is required");
        }
        JsonNode result = n.get("Result");
        if (result != null && !result.isNull() && !result.isTextual()) {
            return invalidOutput("Result must be a string");
        }
        ErrorObject error;
        try {
            error = WireJson.readError(n.get("Error"), "Error");
        } catch (LambdaApiException e) {
            return invalidOutput(e.getMessage());
        }
        String resultText = result == null || result.isNull() ? null : result.asText();
        return switch (status.asText()) {
            case "SUCCEEDED" -> error != null ? invalidOutput("Cannot provide an Error for SUCCEEDED status.")
                    : new HandlerOutput("SUCCEEDED", resultText, null, null);
            case "FAILED" -> resultText != null ? invalidOutput("Cannot provide a Result for FAILED status.")
                    : new HandlerOutput("FAILED", null, error, null);
            case "PENDING" -> new HandlerOutput("PENDING", null, null, null);
            default -> invalidOutput("Unexpected invocation status: " + status.asText());
        };
    }

    private static HandlerOutput invalidOutput(String why) {
        return new HandlerOutput(null, null, null, why);
    }
}
