package io.durablebench.durable.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.DurableHandler;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;

/** One emulator and one invoke endpoint shared by a test class. */
final class DexHarness implements AutoCloseable {
    final InvokeEndpoint endpoint = new InvokeEndpoint();
    final DexRunner dex;

    DexHarness(boolean skipTime, Map<String, Object> functionConfigs) {
        dex = DexRunner.start(endpoint.endpoint(), skipTime, functionConfigs);
    }

    /** The emulator in real time (a wait takes as long as it says), with no function configurations. */
    static DexHarness inRealTime() {
        return new DexHarness(false, Map.of());
    }

    Map<String, String> environment() {
        return Map.of("AWS_ENDPOINT_URL_LAMBDA", dex.endpoint().toString(), "AWS_REGION", DexRunner.REGION,
                "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local");
    }

    /** Registers a durable handler written as a lambda, with String input and any output. */
    <O> void register(String function, BiFunction<String, DurableContext, O> body) {
        Map<String, String> env = environment();
        endpoint.register(function, () -> DurableHandler.withEnvironment(new DurableHandler<String, O>() {
            @Override
            public O handleRequest(String input, DurableContext context) {
                return body.apply(input, context);
            }
        }, env));
    }

    void registerRaw(String function, Supplier<RequestStreamHandler> handler) {
        endpoint.register(function, handler);
    }

    GetDurableExecutionResponse run(String function, String inputJson) {
        String arn = dex.startExecution(function, inputJson);
        return dex.awaitCompletion(arn, Duration.ofSeconds(120));
    }

    /** Runs the function to its end and checks that the execution succeeded. */
    GetDurableExecutionResponse succeeded(String function, String inputJson) {
        GetDurableExecutionResponse e = run(function, inputJson);
        assertThat(e.status()).as("%s: %s", function, e.error()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return e;
    }

    /** Runs the function to its end and checks that it succeeded with {@code resultJson}. */
    GetDurableExecutionResponse succeededWith(String function, String inputJson, String resultJson) {
        GetDurableExecutionResponse e = succeeded(function, inputJson);
        assertThat(e.result()).as("%s's result", function).isEqualTo(resultJson);
        return e;
    }

    /** The invocations an execution took: its InvocationCompleted events in the emulator's history. */
    long invocations(GetDurableExecutionResponse execution) {
        return dex.history(execution.durableExecutionArn()).stream()
                .filter(ev -> ev.eventType() == EventType.INVOCATION_COMPLETED).count();
    }

    @Override
    public void close() {
        dex.close();
        endpoint.close();
    }
}
