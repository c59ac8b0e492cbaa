package io.durablebench.conformance.backend;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.durable.testing.DexRunner;
import io.durablebench.durable.testing.InvokeEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;

/**
 * AWS's emulator {@code dex-local-runner}, started with real time ({@code --no-skip-time}) and
 * {@code --lambda-endpoint} pointing at an {@link InvokeEndpoint} on loopback that runs the
 * handlers in this JVM.
 */
public final class DexBackend implements DurableBackend {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The emulator serves HTTP/1.0 from a Python ThreadingHTTPServer with a listen backlog of 5; a
     * burst of connections from many cases at once gets some of them dropped. So the suite's own calls
     * (not the handlers' checkpoints, which the AWS SDK retries) go through a few at a time.
     */
    private static final int CONCURRENT_CALLS = 4;
    private static final int ATTEMPTS = 4;

    private final InvokeEndpoint endpoint;
    private final DexRunner dex;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Semaphore calls = new Semaphore(CONCURRENT_CALLS, true);

    private DexBackend(InvokeEndpoint endpoint, DexRunner dex) {
        this.endpoint = endpoint;
        this.dex = dex;
    }

    public static DexBackend start() {
        InvokeEndpoint endpoint = new InvokeEndpoint();
        try {
            return new DexBackend(endpoint, DexRunner.start(endpoint.endpoint(), false, Map.of()));
        } catch (RuntimeException e) {
            endpoint.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "dex-local-runner";
    }

    @Override
    public Map<String, String> functionEnvironment() {
        return Map.of("AWS_ENDPOINT_URL_LAMBDA", dex.endpoint().toString(), "AWS_REGION", DexRunner.REGION,
                "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local");
    }

    @Override
    public void deploy(String functionName, Supplier<RequestStreamHandler> handlers) {
        endpoint.register(functionName, handlers);
    }

    /**
     * Starts an execution like {@link DexRunner#startExecution}, but sent again when the connection
     * broke without an answer (the emulator's small listen backlog under load). The emulator does not
     * deduplicate starts; if a broken attempt was processed after all, one more execution runs
     * unobserved, which does not touch the one checked (each case's state is kept per execution).
     */
    @Override
    public String startExecution(String functionName, String inputJson) {
        ObjectNode body = DexRunner.startRequest(functionName, inputJson);
        JsonNode out = call("POST /start-durable-execution", HttpRequest.newBuilder(URI.create(dex.endpoint()
                + "/start-durable-execution")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        return out.get("ExecutionArn").asText();
    }

    @Override
    public ExecutionState describe(String executionArn) {
        GetDurableExecutionResponse e = gated(() -> dex.lambda().getDurableExecution(r -> r.durableExecutionArn(executionArn)));
        return WireReads.state(e);
    }

    @Override
    public List<JsonNode> history(String executionArn) {
        return WireReads.history(executionArn, this::get);
    }

    @Override
    public void stop(String executionArn) {
        gated(() -> dex.lambda().stopDurableExecution(r -> r.durableExecutionArn(executionArn)));
    }

    @Override
    public String logTail() {
        return dex.logTail();
    }

    private JsonNode get(String pathAndQuery) {
        return call("GET " + pathAndQuery, HttpRequest.newBuilder(URI.create(dex.endpoint() + pathAndQuery)).GET());
    }

    /** Sends a request, and again when the connection broke before an answer. */
    private JsonNode call(String what, HttpRequest.Builder request) {
        HttpRequest r = request.timeout(Duration.ofSeconds(30)).build();
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = gated(() -> {
                    try {
                        return http.send(r, HttpResponse.BodyHandlers.ofString());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                });
                if (response.statusCode() / 100 != 2) {
                    throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
                }
                return JSON.readTree(response.body());
            } catch (UncheckedIOException e) {
                last = e.getCause();
                WireReads.sleep(200L * attempt);
            } catch (IOException e) {
                throw new UncheckedIOException(what + ": unreadable answer", e);
            }
        }
        throw new UncheckedIOException(what + " failed " + ATTEMPTS + " times", last);
    }

    private <T> T gated(Supplier<T> call) {
        try {
            calls.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        try {
            return call.get();
        } finally {
            calls.release();
        }
    }

    @Override
    public void close() {
        try {
            dex.close();
        } finally {
            endpoint.close();
        }
    }
}
