package io.durablebench.locallambda.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.locallambda.durable.model.ErrorObject;
import io.durablebench.locallambda.json.Json;
import io.durablebench.locallambda.json.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * One asynchronous (Event) invoke of an ordinary function, as the queue keeps it between attempts.
 * Every attempt runs under the same {@code requestId}, as Lambda's retries do.
 *
 * @param requestId       the event's request id, the same on every attempt
 * @param functionName    the function
 * @param qualifier       the qualifier as invoked (null: unqualified); resolved again at each attempt
 * @param payload         the event as sent (JSON text, or empty)
 * @param acceptedAt      when the service accepted it (202): its age counts from here
 * @param attempts        attempts that ran and failed so far
 * @param throttles       attempts refused so far because the function was at its concurrency limit
 * @param nextAttemptAt   when the next attempt is due
 * @param lastError       the last attempt's function error (null before the first failure)
 * @param executedVersion the version the last attempt ran (null before the first attempt)
 */
public record AsyncEvent(String requestId, String functionName, String qualifier, String payload, Instant acceptedAt,
                         int attempts, int throttles, Instant nextAttemptAt, ErrorObject lastError,
                         String executedVersion) {

    AsyncEvent failedAttempt(ErrorObject error, String version, Instant next) {
        return new AsyncEvent(requestId, functionName, qualifier, payload, acceptedAt, attempts + 1, throttles, next,
                error, version);
    }

    AsyncEvent throttled(Instant next) {
        return new AsyncEvent(requestId, functionName, qualifier, payload, acceptedAt, attempts, throttles + 1, next,
                lastError, executedVersion);
    }

    byte[] toJson() {
        ObjectNode n = Json.object();
        n.put("RequestId", requestId);
        n.put("FunctionName", functionName);
        n.put("Qualifier", qualifier);
        n.put("Payload", payload);
        n.put("AcceptedAt", acceptedAt.toEpochMilli());
        n.put("Attempts", attempts);
        n.put("Throttles", throttles);
        n.put("NextAttemptAt", nextAttemptAt.toEpochMilli());
        if (lastError != null) {
            n.set("LastError", WireJson.error(lastError));
        }
        n.put("ExecutedVersion", executedVersion);
        return Json.bytes(n);
    }

    static AsyncEvent fromJson(byte[] bytes) {
        try {
            JsonNode n = Json.parse(bytes);
            return new AsyncEvent(n.get("RequestId").asText(), n.get("FunctionName").asText(),
                    Json.textOrNull(n, "Qualifier"), n.get("Payload").asText(),
                    Instant.ofEpochMilli(n.get("AcceptedAt").asLong()), n.get("Attempts").asInt(),
                    n.get("Throttles").asInt(), Instant.ofEpochMilli(n.get("NextAttemptAt").asLong()),
                    WireJson.readError(n.get("LastError"), "LastError"), Json.textOrNull(n, "ExecutedVersion"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("a queued event's record cannot be read: " + e.getMessage(), e);
        }
    }

    /** For messages: the bytes are always UTF-8 JSON text written by {@link #toJson}. */
    static UncheckedIOException unreadable(String file, IOException e) {
        return new UncheckedIOException("cannot read queued event " + file, e);
    }
}
