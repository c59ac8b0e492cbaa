package io.durablebench.locallambda.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.locallambda.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: status, extra headers and body bytes. */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {

    public static ApiResponse json(JsonNode body) {
        return new ApiResponse(200, jsonHeaders(), Json.bytes(body));
    }

    public static ApiResponse empty(int status) {
        return new ApiResponse(status, new LinkedHashMap<>(), new byte[0]);
    }

    public static ApiResponse bytes(int status, byte[] body) {
        return new ApiResponse(status, jsonHeaders(), body);
    }

    static Map<String, String> jsonHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        return h;
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, h, body);
    }
}
