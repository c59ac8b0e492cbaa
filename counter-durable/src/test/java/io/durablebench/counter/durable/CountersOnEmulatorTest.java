package io.durablebench.counter.durable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.durable.DurableHandler;
import io.durablebench.durable.testing.DexRunner;
import io.durablebench.durable.testing.InvokeEndpoint;
import io.durablebench.model.json.StrictJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;

/**
 * The counter functions on AWS's durable emulator: batch mode's work, and refused input. The
 * emulator, like Lambda, accepts a payload with a duplicate key (it is JSON) and hands it to the
 * function as sent.
 */
class CountersOnEmulatorTest {
    static InvokeEndpoint endpoint;
    static DexRunner dex;

    @BeforeAll
    static void start() {
        endpoint = new InvokeEndpoint();
        dex = DexRunner.start(endpoint.endpoint(), false, Map.of());
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL_LAMBDA", dex.endpoint().toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_LAMBDA_FUNCTION_NAME", "CounterDurableFunction");
        endpoint.register("CounterDurableFunction", () -> DurableHandler.withEnvironment(new CounterBatchHandler(), env));
        endpoint.register("CounterEntityFunction", () -> DurableHandler.withEnvironment(new CounterEntityHandler(), env));
    }

    @AfterAll
    static void stop() {
        dex.close();
        endpoint.close();
    }

    static JsonNode run(String request) {
        GetDurableExecutionResponse e = dex.awaitCompletion(dex.startExecution("CounterDurableFunction", request),
                Duration.ofSeconds(60));
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return StrictJson.parse(e.result());
    }

    @Test
    void thePaperSequenceGivesTwoWithOneStepPerOperation() throws Exception {
        String event = Files.readString(Path.of("../events/counter-durable.json"));
        String arn = dex.startExecution("CounterDurableFunction", event);
        GetDurableExecutionResponse e = dex.awaitCompletion(arn, Duration.ofSeconds(60));
        JsonNode r = StrictJson.parse(e.result());
        assertThat(r.get("finalValue").asLong()).isEqualTo(2);
        assertThat(r.get("results").findValuesAsText("value")).containsExactly("1", "3", "3", "2");
        long steps = dex.history(arn).stream().filter(ev -> ev.eventType() == EventType.STEP_SUCCEEDED).count();
        assertThat(steps).isEqualTo(4);
        JsonNode durable = r.get("metrics").get("durable");
        assertThat(durable.get("executedOperations").asLong()).isEqualTo(4);
        assertThat(durable.get("checkpointCalls").asLong()).isBetween(4L, 8L);
        assertThat(r.get("metrics").get("coordination").get("calls").asLong()).isZero();
    }

    @Test
    void badInputFailsTheExecutionAsInvalidInputNamingTheFieldAndNoOperationRuns() {
        String arn = dex.startExecution("CounterDurableFunction",
                "{\"counterId\":\"c\",\"operations\":[{\"id\":\"a\",\"op\":\"increment\",\"amount\":\"5\"}]}");
        GetDurableExecutionResponse e = dex.awaitCompletion(arn, Duration.ofSeconds(60));
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error().errorType()).isEqualTo("InvalidInput");
        assertThat(e.error().errorMessage()).startsWith("operations[0].amount: expected an integer");
        assertThat(dex.history(arn).stream().map(Event::eventType)).doesNotContain(EventType.STEP_STARTED);
    }

    /** Refused instead of keeping one of the two values (the runtime's default binding kept the last). */
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
