package io.durablebench.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a host hands a durable function its environment: {@link DurableHandler#useEnvironment} before
 * the first invocation, refused (naming the problem) once the instance has read its environment.
 */
class DurableHandlerEnvironmentTest {
    /** Points at a closed port: the invocation below calls no service. */
    static final Map<String, String> ENV = Map.of("AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:9",
            "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "x",
            "AWS_LAMBDA_FUNCTION_NAME", "HandedFunction");
    static final String EVENT = """
            {"DurableExecutionArn":"arn:aws:lambda:us-east-1:123456789012:function:echo:1/durable-execution/run/abc",
             "CheckpointToken":"t1","InitialExecutionState":{"Operations":[
             {"Id":"abc","Type":"EXECUTION","Status":"STARTED","StartTimestamp":1764000000123,
              "ExecutionDetails":{"InputPayload":"\\"hi\\""}}]}}""";

    static final class Echo extends DurableHandler<String, String> {
        @Override
        public String handleRequest(String input, DurableContext context) {
            return input;
        }
    }

    /** Runs one invocation and returns what it printed (the invocation's metrics line). */
    static String invoke(Echo handler) throws IOException {
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            handler.handleRequest(new ByteArrayInputStream(EVENT.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), null);
        } finally {
            System.setOut(stdout);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theHandedEnvironmentIsTheOneTheInvocationReads() throws IOException {
        Echo echo = new Echo();
        echo.useEnvironment(ENV);
        assertThat(invoke(echo)).contains("\"function\":\"HandedFunction\"");
    }

    @Test
    void anEnvironmentHandedAfterAnInvocationIsRefusedAndTheFirstStays() throws IOException {
        Echo echo = DurableHandler.withEnvironment(new Echo(), ENV);
        invoke(echo);
        Map<String, String> other = new HashMap<>(ENV);
        other.put("AWS_LAMBDA_FUNCTION_NAME", "Other");
        assertThatThrownBy(() -> echo.useEnvironment(other)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has read its environment");
        assertThat(invoke(echo)).contains("\"function\":\"HandedFunction\"");
    }

    @Test
    void anEnvironmentHandedAfterTheConfigurationWasMadeIsRefused() {
        Echo echo = DurableHandler.withEnvironment(new Echo(), ENV);
        echo.createConfiguration();
        assertThatThrownBy(() -> echo.useEnvironment(ENV)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Echo.class.getName());
    }

    @Test
    void aNullEnvironmentOrANullValueIsRefusedByName() throws IOException {
        Echo echo = new Echo();
        assertThatThrownBy(() -> echo.useEnvironment(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got null");
        Map<String, String> withNull = new HashMap<>(ENV);
        withNull.put("AWS_REGION", null);
        assertThatThrownBy(() -> echo.useEnvironment(withNull)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS_REGION").hasMessageContaining("null value");
        echo.useEnvironment(ENV); // the refusals took nothing: a good map is still accepted
        assertThat(invoke(echo)).contains("\"function\":\"HandedFunction\"");
    }
}
