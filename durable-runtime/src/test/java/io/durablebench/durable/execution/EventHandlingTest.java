package io.durablebench.durable.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.DurableHandler;
import io.durablebench.durable.exception.InvalidEventException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the runtime does with events it cannot run, before any service call. */
class EventHandlingTest {
    /** Points at a closed port: any service call would fail loudly, and none must happen. */
    static final Map<String, String> ENV = Map.of("AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:9",
            "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "x");

    static final class Echo extends DurableHandler<String, String> {
        @Override
        public String handleRequest(String input, DurableContext context) {
            return input;
        }
    }

    static JsonNode run(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DurableHandler.withEnvironment(new Echo(), ENV).handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return new ObjectMapper().readTree(out.toByteArray());
    }

    static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:echo:1/durable-execution/run/abc";

    @Test
    void anUnknownOperationTypeFailsTheExecutionWithAClearError() throws Exception {
        JsonNode out = run("""
                {"DurableExecutionArn":"%s","CheckpointToken":"t1","InitialExecutionState":{"Operations":[
                 {"Id":"abc","Type":"EXECUTION","Status":"STARTED","StartTimestamp":1764000000123,
                  "ExecutionDetails":{"InputPayload":"\\"hi\\""}},
                 {"Id":"x1","Type":"TELEPORT","Status":"STARTED"}]}}""".formatted(ARN));
        assertThat(out.get("Status").asText()).isEqualTo("FAILED");
        assertThat(out.get("Error").get("ErrorMessage").asText()).contains("\"TELEPORT\"").contains("does not know");
    }

    @Test
    void aPlainInvocationOfADurableFunctionIsRefusedWithAnExplanation() {
        assertThatThrownBy(() -> run("{\"orderId\":\"42\"}"))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("must be invoked as one");
    }

    @Test
    void theInputIsFoundByTheArnSuffixAndEpochMillisAreRead() throws Exception {
        JsonNode out = run("""
                {"DurableExecutionArn":"%s","CheckpointToken":"t1","InitialExecutionState":{"Operations":[
                 {"Id":"abc","Type":"EXECUTION","Status":"STARTED","StartTimestamp":1764000000123,
                  "ExecutionDetails":{"InputPayload":"\\"hello\\""}}]}}""".formatted(ARN));
        assertThat(out.get("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(out.get("Result").asText()).isEqualTo("\"hello\"");
    }
}
