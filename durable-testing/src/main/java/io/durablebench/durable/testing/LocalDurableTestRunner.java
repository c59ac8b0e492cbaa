package io.durablebench.durable.testing;

import io.durablebench.durable.DurableContext;
import io.durablebench.durable.DurableHandler;
import io.durablebench.local.template.DurableSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;

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
    private final EmbeddedLambda service;
    private final LambdaClient client;
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

    private LocalDurableTestRunner(EmbeddedLambda service, String function) {
        this.service = service;
        this.client = service.client();
        this.function = function;
    }

    /** A runner for a handler written as a lambda, with input type {@code inputType}. */
    public static <I, O> LocalDurableTestRunner create(Class<I> inputType, BiFunction<I, DurableContext, O> handler) {
        return create(() -> new LambdaBodyHandler<>(inputType, handler), true);
    }

    /**
     * A runner for a handler class: {@code handlers} makes an instance (as Lambda does, with no
     * arguments), and the runner hands it the environment the service gives the function (endpoint,
     * region, credentials) with {@link DurableHandler#useEnvironment}.
     *
     * @param skipTime whether waits and retry delays end at once
     */
    public static LocalDurableTestRunner create(Supplier<? extends DurableHandler<?, ?>> handlers, boolean skipTime) {
        return create(env -> DurableHandler.withEnvironment(handlers.get(), env), skipTime);
    }

    /**
     * A runner for handlers made from the environment the service gives the function, for a test
     * that does more with an instance once it has its environment (primes it, say).
     *
     * @param skipTime whether waits and retry delays end at once
     */
    public static LocalDurableTestRunner create(Function<Map<String, String>, ? extends DurableHandler<?, ?>> handlers,
                                                boolean skipTime) {
        EmbeddedLambda service = EmbeddedLambda.start(skipTime, Duration.ofMinutes(5));
        String name = "handler-under-test-" + FUNCTIONS.incrementAndGet();
        Map<String, String> env = new HashMap<>(service.environment());
        env.put("AWS_LAMBDA_FUNCTION_NAME", name);
        Map<String, String> functionEnv = Map.copyOf(env);
        service.lambda().register(name, () -> handlers.apply(functionEnv), new DurableSettings(3_600, 1), 900);
        return new LocalDurableTestRunner(service, name);
    }

    /** Starts an execution with {@code inputJson} and returns its ARN without waiting. */
    public String start(String inputJson) {
        return service.startExecution(function, inputJson);
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
        service.close();
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

        LambdaBodyHandler(Class<I> inputType, BiFunction<I, DurableContext, O> body) {
            super(io.durablebench.durable.TypeToken.of(inputType));
            this.body = body;
        }

        @Override
        public O handleRequest(I input, DurableContext context) {
            return body.apply(input, context);
        }
    }
}
