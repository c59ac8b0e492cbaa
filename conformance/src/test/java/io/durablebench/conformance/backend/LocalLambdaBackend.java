package io.durablebench.conformance.backend;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.durablebench.durable.testing.EmbeddedLambda;
import io.durablebench.local.template.DurableSettings;
import io.durablebench.locallambda.LocalLambda;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;

/**
 * The project's own local Lambda service ({@code local-lambda}), in this JVM, real time, in-memory
 * journal. Executions are started the way a caller starts them on Lambda: an asynchronous Invoke of
 * the qualified function under a durable execution name.
 */
public final class LocalLambdaBackend implements DurableBackend {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EmbeddedLambda service;
    private final LocalLambda lambda;
    private final LambdaClient client;
    private final HttpClient http = HttpClient.newHttpClient();

    private LocalLambdaBackend(EmbeddedLambda service) {
        this.service = service;
        this.lambda = service.lambda();
        this.client = service.client();
    }

    /** Every function is registered in code by the suite. */
    public static LocalLambdaBackend start() {
        return new LocalLambdaBackend(EmbeddedLambda.start(false, Duration.ofMinutes(2)));
    }

    @Override
    public String name() {
        return Backends.LOCAL_LAMBDA;
    }

    @Override
    public Map<String, String> functionEnvironment() {
        return service.environment();
    }

    @Override
    public void deploy(String functionName, Supplier<RequestStreamHandler> handlers) {
        lambda.register(functionName, handlers, new DurableSettings(600, 1), 300);
    }

    @Override
    public String startExecution(String functionName, String inputJson) {
        return service.startExecution(functionName, inputJson);
    }

    @Override
    public ExecutionState describe(String executionArn) {
        GetDurableExecutionResponse e = client.getDurableExecution(r -> r.durableExecutionArn(executionArn));
        return WireReads.state(e);
    }

    @Override
    public List<JsonNode> history(String executionArn) {
        return WireReads.history(executionArn, this::get);
    }

    private JsonNode get(String pathAndQuery) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(lambda.endpoint() + pathAndQuery))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("history answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop(String executionArn) {
        try {
            client.stopDurableExecution(r -> r.durableExecutionArn(executionArn));
        } catch (RuntimeException alreadyClosed) {
            // stopping a finished execution is a no-op for the suite
        }
    }

    @Override
    public void close() {
        service.close();
    }
}
