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
        String path = "/local/executions/" + URLEncoder.encode(executionArn, StandardCharsets.UTF_8) + "/metrics";
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(serviceEndpoint.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("metrics of " + executionArn + ": HTTP " + r.statusCode() + " " + r.body());
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
