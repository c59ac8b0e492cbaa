package io.durablebench.counter.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.durable.testing.DexRunner;
import io.durablebench.durable.testing.InvokeEndpoint;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;

/**
 * Both counter functions on AWS's durable emulator, which (like Lambda) accepts a payload with a
 * duplicate key, since it is JSON, and hands it to the function as sent. The functions refuse it
 * instead of keeping one of the two values (the runtime's default binding kept the last): the
 * execution FAILS with InvalidInput naming the key, before any operation.
 */
class RefusedInputOnEmulatorTest {
    static InvokeEndpoint endpoint;
    static DexRunner dex;

    @BeforeAll
    static void start() {
        endpoint = new InvokeEndpoint();
        dex = DexRunner.start(endpoint.endpoint(), false, Map.of());
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL_LAMBDA", dex.endpoint().toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local");
        endpoint.register("CounterDurableFunction", () -> new CounterBatchHandler(env));
        endpoint.register("CounterEntityFunction", () -> new CounterEntityHandler(env));
    }

    @AfterAll
    static void stop() {
        dex.close();
        endpoint.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CounterDurableFunction|{\"counterId\":\"c\",\"counterId\":\"d\",\"operations\":[{\"id\":\"a\",\"op\":\"increment\",\"amount\":1}]}|counterId",
            "CounterDurableFunction|{\"counterId\":\"c\",\"operations\":[{\"id\":\"a\",\"op\":\"increment\",\"amount\":1,\"amount\":9}]}|amount",
            "CounterEntityFunction|{\"counterId\":\"c\",\"generation\":1,\"value\":0,\"value\":5}|value"})
    void aDuplicateKeyFailsTheExecutionAsInvalidInputBeforeAnyOperation(String function, String input, String key) {
        String arn = dex.startExecution(function, input);
        GetDurableExecutionResponse e = dex.awaitCompletion(arn, Duration.ofSeconds(60));
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error().errorType()).isEqualTo("InvalidInput");
        assertThat(e.error().errorMessage()).contains("Duplicate field '" + key + "'");
        assertThat(dex.history(arn).stream().map(Event::eventType))
                .doesNotContain(EventType.STEP_STARTED, EventType.CALLBACK_STARTED);
    }
}
