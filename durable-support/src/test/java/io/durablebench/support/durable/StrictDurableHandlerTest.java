package io.durablebench.support.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.DurableHandler;
import io.durablebench.durable.testing.LocalDurableTestRunner;
import io.durablebench.model.FunctionError;
import io.durablebench.model.json.JsonFields;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;

/** The one convention for refused input of a durable function: FAILED, error type InvalidInput, the field named. */
class StrictDurableHandlerTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Reads {"name": id}, then runs one step; a name "late" is refused after the step, as a late finding. */
    static final class Greeter extends StrictDurableHandler<String> {
        @Override
        protected String handle(JsonNode input, DurableContext context) {
            String name = JsonFields.root(input, Set.of("name")).requiredId("name");
            String greeting = context.step("greet", String.class, () -> "hello " + name);
            if (name.equals("late")) {
                throw InvalidInputFailure.of(new FunctionError(FunctionError.INVALID_INPUT, "name",
                        "name: \"late\" was found unacceptable after the step"));
            }
            return greeting;
        }
    }

    @Test
    void snapStartPrimingMakesTheRuntimesClientAndSendsNothing() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer lambda = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        lambda.createContext("/", x -> {
            requests.incrementAndGet();
            x.sendResponseHeaders(500, -1);
            x.close();
        });
        lambda.start();
        try {
            Greeter greeter = DurableHandler.withEnvironment(new Greeter(), Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "test",
                    "AWS_SECRET_ACCESS_KEY", "test", "AWS_ENDPOINT_URL_LAMBDA",
                    "http://127.0.0.1:" + lambda.getAddress().getPort()));

            greeter.priming().beforeCheckpoint(null); // what the Lambda runtime runs before the snapshot

            assertThat(greeter.priming().primed()).isTrue();
            assertThat(requests).as("priming sends nothing").hasValue(0);
            // the configuration priming made is the one the invocations get
            assertThat(greeter.createConfiguration()).isSameAs(greeter.createConfiguration());
        } finally {
            lambda.stop(0);
        }
    }

    @Test
    void aPrimedInstanceRunsExecutionsAsAnUnprimedOne() {
        try (var runner = LocalDurableTestRunner.create(env -> {
            Greeter g = DurableHandler.withEnvironment(new Greeter(), env);
            g.priming().beforeCheckpoint(null);
            return g;
        }, true)) {
            var ok = runner.runUntilComplete("{\"name\":\"ada\"}");
            assertThat(ok.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(ok.result()).isEqualTo("\"hello ada\"");
        }
    }

    @Test
    void goodInputRunsAndBadInputFailsTheExecutionAsInvalidInputNamingTheFieldBeforeAnyStep() {
        try (var runner = LocalDurableTestRunner.create(Greeter::new, true)) {
            var ok = runner.runUntilComplete("{\"name\":\"ada\"}");
            assertThat(ok.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(ok.result()).isEqualTo("\"hello ada\"");

            var bad = runner.runUntilComplete("{\"name\":\"a/b\"}");
            assertThat(bad.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(bad.errorType()).isEqualTo("InvalidInput");
            assertThat(bad.errorMessage()).startsWith("name: must be 1-64 characters");
            assertThat(bad.history()).noneMatch(e -> e.eventType() == EventType.STEP_STARTED);

            var unknown = runner.runUntilComplete("{\"name\":\"ada\",\"nmae\":\"x\"}");
            assertThat(unknown.errorType()).isEqualTo("InvalidInput");
            assertThat(unknown.errorMessage()).startsWith("nmae: unknown field");

            var late = runner.runUntilComplete("{\"name\":\"late\"}");
            assertThat(late.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(late.errorType()).isEqualTo("InvalidInput");
            assertThat(late.errorMessage()).isEqualTo("name: \"late\" was found unacceptable after the step");
        }
    }

    /**
     * Lambda accepts a payload with a duplicate key (it is JSON), and the runtime's default binding
     * would keep the last value; the local Lambda refuses such a payload itself, so the handler is
     * driven here with the service's invocation event directly. No call reaches the service (its
     * endpoint is a closed port): the refusal is decided before anything is checkpointed.
     */
    @Test
    void aDuplicateKeyIsRefusedNotResolved() throws IOException {
        Greeter greeter = DurableHandler.withEnvironment(new Greeter(), Map.of("AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:9", "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "x"));
        JsonNode out = invoke(greeter, "{\"name\":\"ada\",\"name\":\"bob\"}");
        assertThat(out.path("Status").asText()).as(out.toString()).isEqualTo("FAILED");
        assertThat(out.path("Error").path("ErrorType").asText()).isEqualTo("InvalidInput");
        assertThat(out.path("Error").path("ErrorMessage").asText()).contains("Duplicate field 'name'");
        assertThat(out.path("Error").has("StackTrace")).as("no stack frames: an answer, not a fault").isFalse();
    }

    /** The first invocation's event of an execution whose input is {@code payload}, as the service sends it. */
    static JsonNode invoke(StrictDurableHandler<?> handler, String payload) throws IOException {
        String arn = "arn:aws:lambda:us-east-1:000000000000:function:f:1/durable-execution/e-1/0000aaaa";
        var event = JSON.createObjectNode().put("DurableExecutionArn", arn).put("CheckpointToken", "token-1");
        var op = event.putObject("InitialExecutionState").putArray("Operations").addObject();
        op.put("Id", "0000aaaa").put("Type", "EXECUTION").put("Status", "STARTED").put("StartTimestamp", 0L);
        op.putObject("ExecutionDetails").put("InputPayload", payload);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, null);
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anEnvironmentHandedAfterPrimingIsRefused() {
        Greeter greeter = DurableHandler.withEnvironment(new Greeter(), Map.of("AWS_ENDPOINT_URL_LAMBDA",
                "http://127.0.0.1:9", "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "x"));
        greeter.priming().beforeCheckpoint(null); // the configuration is made from the environment handed
        assertThatThrownBy(() -> greeter.useEnvironment(Map.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has read its environment");
    }
}
