package io.durablebench.video.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionHistoryResponse;

/**
 * What a test or measurement reads about one durable execution on a local Lambda service, wherever
 * that service runs (in this JVM or a child process): its whole history through the Lambda API, and
 * the service's own counters through its local-only metrics path.
 */
public final class LocalExecutions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalExecutions() {
    }

    /** The local service's counters of one execution ({@code GET /local/executions/{arn}/metrics}). */
    public static JsonNode metrics(HttpClient http, URI serviceEndpoint, String executionArn) {
        return get(http, serviceEndpoint, "/local/executions/" + URLEncoder.encode(executionArn, StandardCharsets.UTF_8)
                + "/metrics", "metrics of " + executionArn);
    }

    /**
     * The local service's record of one asynchronous event of an ordinary function ({@code GET
     * /local/async-events}) once it has ended ({@code Succeeded}, or {@code Failed} with Lambda's
     * invocation record); waits for that at most {@code limit}.
     */
    public static JsonNode asyncEventEnded(HttpClient http, URI serviceEndpoint, String requestId,
                                           java.time.Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            for (JsonNode e : get(http, serviceEndpoint, "/local/async-events", "asynchronous events").get("Events")) {
                String status = e.get("Status").asText();
                if (e.get("RequestId").asText().equals(requestId)
                        && (status.equals("Succeeded") || status.equals("Failed"))) {
                    return e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("asynchronous event " + requestId + " did not end within " + limit);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static JsonNode get(HttpClient http, URI serviceEndpoint, String path, String what) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(serviceEndpoint.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The whole history of one execution, every page, with payloads. */
    public static List<Event> history(LambdaClient lambda, String executionArn) {
        List<Event> all = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            GetDurableExecutionHistoryResponse page = lambda.getDurableExecutionHistory(b -> b
                    .durableExecutionArn(executionArn).includeExecutionData(true).marker(m));
            all.addAll(page.events());
            marker = page.nextMarker();
        } while (marker != null && !marker.isEmpty());
        return all;
    }
}
