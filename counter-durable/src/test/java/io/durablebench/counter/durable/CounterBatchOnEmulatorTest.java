package io.durablebench.counter.durable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;

/** Batch mode on AWS's durable emulator. */
class CounterBatchOnEmulatorTest {
    static InvokeEndpoint endpoint;
    static DexRunner dex;

    @BeforeAll
    static void start() {
        endpoint = new InvokeEndpoint();
        dex = DexRunner.start(endpoint.endpoint(), false, Map.of());
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL_LAMBDA", dex.endpoint().toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_LAMBDA_FUNCTION_NAME", "CounterDurableFunction");
        endpoint.register("CounterDurableFunction", () -> new CounterBatchHandler(env));
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
}
