package io.durablebench.durable.testing;

import io.durablebench.durable.DurableContext;
import io.durablebench.durable.DurableHandler;
import io.durablebench.local.template.DurableSettings;
import io.durablebench.locallambda.LocalLambda;
import io.durablebench.locallambda.LocalLambdaConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Runs a durable handler in this JVM for unit tests, like the official SDK's local test runner:
 * the project's local Lambda service (real protocol and rules, in-memory journal) hosts the
 * handler, with time skipping by default so waits and retry delays end at once.
 *
 * <pre>{@code
 * try (var runner = LocalDurableTestRunner.create(String.class, (in, ctx) -> ctx.step("s", String.class, () -> in))) {
 *     var result = runner.runUntilComplete("\"hi\"");
 *     assertEquals(ExecutionStatus.SUCCEEDED, result.status());
 * }
 * }</pre>
 */
public final class LocalDurableTestRunner implements AutoCloseable {
    private static final AtomicInteger FUNCTIONS = new AtomicInteger();
    private final LocalLambda lambda;
    private final LambdaClient client;
    private final Path template;
    private final String function;

    /** What an execution ended as. */
    public record TestResult(String executionArn, ExecutionStatus status, String result, String errorType,
                             String errorMessage, List<Event> history) {
        /** Events of the operation named {@code name}. */
        public List<Event> eventsOf(String name) {
            return history.stream().filter(e -> name.equals(e.name())).toList();
        }

        /** Handler invocations the execution took (the first and every replay). */
        public long invocations() {
            return history.stream().filter(e -> e.eventType() == EventType.INVOCATION_COMPLETED).count();
        }
    }

    private LocalDurableTestRunner(LocalLambda lambda, Path template, String function) {
        this.lambda = lambda;
        this.template = template;
        this.function = function;
        this.client = LambdaClient.builder().endpointOverride(lambda.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(5))).build();
    }

    /** A runner for a handler written as a lambda, with input type {@code inputType}. */
    public static <I, O> LocalDurableTestRunner create(Class<I> inputType, BiFunction<I, DurableContext, O> handler) {
        return create(env -> new LambdaBodyHandler<>(env, inputType, handler), true);
    }

    /**
     * A runner for a handler class: {@code handlers} builds one from the environment the service
     * gives it (endpoint, region, credentials).
     *
     * @param skipTime whether waits and retry delays end at once
     */
    public static LocalDurableTestRunner create(Function<Map<String, String>, ? extends DurableHandler<?, ?>> handlers,
                                                boolean skipTime) {
        try {
            Path template = Files.createTempFile("durable-test-runner-", ".yaml");
            Files.writeString(template, "Resources: {}\n");
            LocalLambda lambda = LocalLambda.start(LocalLambdaConfig.builder(template).port(0).skipTime(skipTime).build());
            String name = "handler-under-test-" + FUNCTIONS.incrementAndGet();
            Map<String, String> env = Map.of("AWS_ENDPOINT_URL_LAMBDA", lambda.endpoint().toString(),
                    "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                    "AWS_LAMBDA_FUNCTION_NAME", name);
            lambda.register(name, () -> handlers.apply(env), new DurableSettings(3_600, 1), 900);
            return new LocalDurableTestRunner(lambda, template, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts an execution with {@code inputJson} and returns its ARN without waiting. */
    public String start(String inputJson) {
        return client.invoke(r -> r.functionName(function + ":$LATEST").invocationType(InvocationType.EVENT)
                .durableExecutionName(UUID.randomUUID().toString())
                .payload(SdkBytes.fromUtf8String(inputJson == null ? "" : inputJson))).durableExecutionArn();
    }

    /** Starts an execution and waits (at most a minute) until it ends. */
    public TestResult runUntilComplete(String inputJson) {
        return await(start(inputJson), Duration.ofMinutes(1));
    }

    /** Waits until the execution ends. */
    public TestResult await(String arn, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            GetDurableExecutionResponse e = client.getDurableExecution(r -> r.durableExecutionArn(arn));
            if (e.status() != ExecutionStatus.RUNNING) {
                return new TestResult(arn, e.status(), e.result(), e.error() == null ? null : e.error().errorType(),
                        e.error() == null ? null : e.error().errorMessage(), history(arn));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("execution still RUNNING after " + timeout + ": " + arn);
            }
            pause();
        }
    }

    /** The execution's history so far. */
    public List<Event> history(String arn) {
        List<Event> events = new ArrayList<>();
        client.getDurableExecutionHistoryPaginator(r -> r.durableExecutionArn(arn).includeExecutionData(true))
                .forEach(p -> events.addAll(p.events()));
        return events;
    }

    /** Waits until the callback named {@code name} has started, and returns its id. */
    public String callbackId(String arn, String name, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> id = history(arn).stream()
                    .filter(e -> e.eventType() == EventType.CALLBACK_STARTED && name.equals(e.name()))
                    .map(e -> e.callbackStartedDetails().callbackId()).findFirst();
            if (id.isPresent()) {
                return id.get();
            }
            pause();
        }
        throw new IllegalStateException("callback " + name + " did not start within " + timeout);
    }

    public void completeCallback(String callbackId, String resultJson) {
        client.sendDurableExecutionCallbackSuccess(r -> r.callbackId(callbackId).result(SdkBytes.fromUtf8String(resultJson)));
    }

    public void failCallback(String callbackId, String errorType, String message) {
        client.sendDurableExecutionCallbackFailure(r -> r.callbackId(callbackId)
                .error(e -> e.errorType(errorType).errorMessage(message)));
    }

    /** A stock SDK client for anything else (stop, list, heartbeat...). */
    public LambdaClient client() {
        return client;
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

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A durable handler whose body is a lambda; the input type is given explicitly. */
    static final class LambdaBodyHandler<I, O> extends DurableHandler<I, O> {
        private final BiFunction<I, DurableContext, O> body;

        LambdaBodyHandler(Map<String, String> env, Class<I> inputType, BiFunction<I, DurableContext, O> body) {
            super(env, io.durablebench.durable.TypeToken.of(inputType));
            this.body = body;
        }

        @Override
        public O handleRequest(I input, DurableContext context) {
            return body.apply(input, context);
        }
    }
}
