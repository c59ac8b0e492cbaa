package io.durablebench.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.json.StrictJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionHistoryResponse;
import software.amazon.awssdk.services.lambda.model.InvocationCompletedDetails;

/**
 * Reads whole-execution counts. From the local Lambda's per-execution counters
 * ({@code GET /local/executions/{arn}/metrics}) when the endpoint has them; otherwise (AWS, other
 * emulators) from the execution history, which has one event per operation transition and per
 * invocation but says nothing of checkpoint calls or bytes ({@code n/a}). Children are the
 * executions named by {@code ChainedInvokeStarted} events, counted recursively.
 */
public final class DurableCountsReader {
    private final LambdaClient lambda;
    private final URI localEndpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    /** @param localEndpoint the local Lambda's URL, or null when the target has no local counters */
    public DurableCountsReader(LambdaClient lambda, URI localEndpoint) {
        this.lambda = lambda;
        this.localEndpoint = localEndpoint;
    }

    public DurableCounts read(String executionArn) {
        List<Event> history = history(executionArn);
        DurableCounts fromHistory = fromHistory(history);
        DurableCounts local = localEndpoint != null ? local(executionArn) : null;
        DurableCounts own = local == null ? fromHistory : new DurableCounts(1, local.invocations(),
                local.checkpointCalls(), local.operations(), local.updates(), local.payloadBytes(),
                fromHistory.invocationMs(), fromHistory.operationMs());
        Set<String> children = new HashSet<>();
        for (Event e : history) {
            if (e.chainedInvokeStartedDetails() != null && e.chainedInvokeStartedDetails().durableExecutionArn() != null
                    && children.add(e.chainedInvokeStartedDetails().durableExecutionArn())) {
                own = own.plusChild(read(e.chainedInvokeStartedDetails().durableExecutionArn()));
            }
        }
        return own;
    }

    /**
     * Whether no invocation of the execution (itself, not its children) is under way: every invocation
     * the service started has its {@code InvocationCompleted} event, and {@code loggedInvocations} (the
     * runtime's per-invocation lines seen) has one line for each. An execution that stays open, such as
     * the counter entity waiting for its next message, may still be finishing the invocation that
     * answered the last message when the client moves on; its counts are consistent only once settled.
     * Always true without the local counters (nothing to compare with).
     */
    public boolean settled(String executionArn, long loggedInvocations) {
        DurableCounts local = localEndpoint != null ? local(executionArn) : null;
        if (local == null) {
            return true;
        }
        long completed = history(executionArn).stream()
                .filter(e -> "InvocationCompleted".equals(e.eventTypeAsString())).count();
        return local.invocations() == completed && completed == loggedInvocations;
    }

    private DurableCounts local(String executionArn) {
        String path = "/local/executions/" + URLEncoder.encode(executionArn, StandardCharsets.UTF_8) + "/metrics";
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(localEndpoint.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return null; // not the project's local Lambda: fall back to the history
            }
            JsonNode m = StrictJson.parse(r.body());
            return new DurableCounts(1, m.path("Invocations").asLong(), m.path("CheckpointCalls").asLong(),
                    m.path("OperationsStarted").asLong(), m.path("Updates").asLong(), m.path("PayloadBytes").asLong(),
                    0, 0);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Counts from the history alone: invocations and operations; checkpoint calls and bytes are not in it. */
    static DurableCounts fromHistory(List<Event> history) {
        long invocations = 0;
        long updates = 0;
        double invocationMs = 0;
        Set<String> operations = new HashSet<>();
        for (Event e : history) {
            String type = e.eventTypeAsString();
            if (type == null) {
                continue;
            }
            if (type.equals("InvocationCompleted")) {
                invocations++;
                InvocationCompletedDetails d = e.invocationCompletedDetails();
                if (d != null && d.startTimestamp() != null && d.endTimestamp() != null) {
                    invocationMs += Duration.between(d.startTimestamp(), d.endTimestamp()).toNanos() / 1e6;
                }
            } else if (!type.startsWith("Execution")) {
                updates++;
                if (type.endsWith("Started") && e.id() != null) {
                    operations.add(e.id());
                }
            }
        }
        // time inside operations is not in the history: batched updates share a timestamp (DurableInvocationLog)
        return new DurableCounts(1, invocations, RunRecord.NOT_AVAILABLE, operations.size(), updates,
                RunRecord.NOT_AVAILABLE, invocationMs, RunRecord.NOT_AVAILABLE);
    }

    private List<Event> history(String executionArn) {
        List<Event> all = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            GetDurableExecutionHistoryResponse page = lambda.getDurableExecutionHistory(b -> b
                    .durableExecutionArn(executionArn).marker(m));
            all.addAll(page.events());
            marker = page.nextMarker();
        } while (marker != null && !marker.isEmpty());
        return all;
    }
}
