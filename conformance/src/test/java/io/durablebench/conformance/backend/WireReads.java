package io.durablebench.conformance.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.conformance.backend.DurableBackend.ExecutionState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.lambda.model.ErrorObject;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;

/** What the backends that speak Lambda's API read the same way: an execution's state, its paged history. */
final class WireReads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireReads() {
    }

    static ExecutionState state(GetDurableExecutionResponse e) {
        ErrorObject err = e.error();
        ObjectNode error = null;
        if (err != null) {
            error = JSON.createObjectNode();
            error.put("ErrorType", err.errorType()).put("ErrorMessage", err.errorMessage()).put("ErrorData", err.errorData());
        }
        return new ExecutionState(e.statusAsString(), e.result(), error);
    }

    /**
     * Every event of GetDurableExecutionHistory (with execution data), page after page.
     *
     * @param get answers the JSON body of a GET of the path and query it is given
     */
    static List<JsonNode> history(String executionArn, Function<String, JsonNode> get) {
        List<JsonNode> events = new ArrayList<>();
        String marker = null;
        do {
            String uri = "/2025-12-01/durable-executions/" + URLEncoder.encode(executionArn, StandardCharsets.UTF_8)
                    + "/history?IncludeExecutionData=true&MaxItems=1000"
                    + (marker == null ? "" : "&Marker=" + URLEncoder.encode(marker, StandardCharsets.UTF_8));
            JsonNode page = get.apply(uri);
            page.path("Events").forEach(events::add);
            JsonNode next = page.get("NextMarker");
            marker = next == null || next.isNull() || next.asText().isEmpty() ? null : next.asText();
        } while (marker != null);
        return events;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
