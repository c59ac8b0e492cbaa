package io.durablebench.conformance.backend;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.local.template.DurableSettings;
import io.durablebench.locallambda.LocalLambda;
import io.durablebench.locallambda.LocalLambdaConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ErrorObject;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * The project's own local Lambda service ({@code local-lambda}), in this JVM, real time, in-memory
 * journal. Executions are started the way a caller starts them on Lambda: an asynchronous Invoke of
 * the qualified function under a durable execution name.
 */
public final class LocalLambdaBackend implements DurableBackend {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalLambda lambda;
    private final LambdaClient client;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Path template;

    private LocalLambdaBackend(LocalLambda lambda, Path template) {
        this.lambda = lambda;
        this.template = template;
        this.client = LambdaClient.builder().endpointOverride(lambda.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(2)))
                .build();
    }

    public static LocalLambdaBackend start() {
        try {
            // Every function is registered in code by the suite; the template only has to exist.
            Path template = Files.createTempFile("conformance-template-", ".yaml");
            Files.writeString(template, "Resources: {}\n");
            return new LocalLambdaBackend(LocalLambda.start(LocalLambdaConfig.builder(template).port(0).build()), template);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return Backends.LOCAL_LAMBDA;
    }

    @Override
    public Map<String, String> functionEnvironment() {
        return Map.of("AWS_ENDPOINT_URL_LAMBDA", lambda.endpoint().toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local");
    }

    @Override
    public void deploy(String functionName, Supplier<RequestStreamHandler> handlers) {
        lambda.register(functionName, handlers, new DurableSettings(600, 1), 300);
    }

    @Override
    public String startExecution(String functionName, String inputJson) {
        return client.invoke(r -> r.functionName(functionName + ":$LATEST").invocationType(InvocationType.EVENT)
                .durableExecutionName(UUID.randomUUID().toString())
                .payload(SdkBytes.fromUtf8String(inputJson == null ? "" : inputJson))).durableExecutionArn();
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
        client.close();
        lambda.close();
        try {
            Files.deleteIfExists(template);
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
