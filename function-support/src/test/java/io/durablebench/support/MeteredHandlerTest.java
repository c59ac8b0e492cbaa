package io.durablebench.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.local.wire.WireCounter;
import io.durablebench.model.aws.AwsClients;
import io.durablebench.model.json.StrictJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The base of the plain functions against DynamoDB Local, with a wire-level proxy as the independent
 * count: resources made once per instance, each answer carrying its own invocation's calls only,
 * one log line per invocation, a fault logged and thrown.
 */
class MeteredHandlerTest {
    static CountedDynamoDb ddb;
    static WireCounter wire;
    static Map<String, String> env;
    static final AtomicInteger RESOURCES_MADE = new AtomicInteger();

    /** Reads {"reads": n}: n GetItems; {"reads": -1} throws after one. */
    static final class Reader extends MeteredHandler<DynamoDbClient> {
        Reader() {
            super("ReaderFunction", (e, meter) -> {
                RESOURCES_MADE.incrementAndGet();
                return AwsClients.build(DynamoDbClient.builder(), "DYNAMODB", e, meter);
            });
        }

        @Override
        protected Answer handle(InputStream input, DynamoDbClient dynamoDb, InvocationMeter invocation, Context context) {
            int reads = StrictJson.parse(input).path("reads").asInt();
            for (int i = 0; i < Math.max(1, reads); i++) {
                dynamoDb.getItem(r -> r.tableName("metered").key(Map.of("pk", AttributeValue.fromS("k"))));
            }
            if (reads < 0) {
                throw new IllegalStateException("asked to fail");
            }
            return new Answer(Map.of("reads", reads, "metrics", invocation.metrics()), invocation.metrics(), "ok");
        }
    }

    @BeforeAll
    static void start() {
        ddb = CountedDynamoDb.start("metered");
        wire = ddb.wire();
        env = ddb.environment();
    }

    @AfterAll
    static void stop() {
        ddb.close();
    }

    static JsonNode invoke(Reader handler, String request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, null);
        return StrictJson.parse(out.toByteArray());
    }

    @Test
    void eachAnswerCarriesItsOwnInvocationsCallsAndTheResourcesAreMadeOnce() throws IOException {
        Reader handler = MeteredHandler.withEnvironment(new Reader(), env);
        int madeBefore = RESOURCES_MADE.get();
        PrintStream stdout = System.out;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        JsonNode first;
        JsonNode second;
        try {
            wire.reset();
            first = invoke(handler, "{\"reads\":3}");
            long firstOnWire = wire.requests().values().stream().mapToLong(Long::longValue).sum();
            assertThat(firstOnWire).isEqualTo(3);
            second = invoke(handler, "{\"reads\":2}");
        } finally {
            System.setOut(stdout);
        }
        assertThat(RESOURCES_MADE.get() - madeBefore).as("one client for the instance").isEqualTo(1);
        assertThat(first.path("metrics").path("coordination").path("byOperation").path("GetItem").asLong()).isEqualTo(3);
        assertThat(second.path("metrics").path("coordination").path("byOperation").path("GetItem").asLong())
                .as("the second answer counts its own calls, not the instance's").isEqualTo(2);
        assertThat(second.path("metrics").path("function").asText()).isEqualTo("ReaderFunction");
        assertThat(second.path("metrics").path("requestId").asText()).startsWith("local-")
                .isNotEqualTo(first.path("metrics").path("requestId").asText());
        String[] lines = log.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).contains("\"type\":\"invocation-metrics\"")
                .contains("\"outcome\":\"ok\""));
    }

    @Test
    void aFaultIsLoggedWithWhatTheInvocationCostAndThrown() {
        Reader handler = MeteredHandler.withEnvironment(new Reader(), env);
        PrintStream stdout = System.out;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> invoke(handler, "{\"reads\":-1}")).isInstanceOf(IllegalStateException.class);
        } finally {
            System.setOut(stdout);
        }
        JsonNode line = StrictJson.parse(log.toString(StandardCharsets.UTF_8).strip());
        assertThat(line.path("outcome").asText()).isEqualTo("error: IllegalStateException");
        assertThat(line.path("metrics").path("coordination").path("calls").asLong()).isEqualTo(1);
    }

    @Test
    void theHandedEnvironmentIsTheOneTheResourcesAndTheLogLineSee() throws IOException {
        Map<String, String> named = new java.util.HashMap<>(env);
        named.put("AWS_LAMBDA_FUNCTION_NAME", "HandedName");
        Reader handler = new Reader();
        handler.useEnvironment(named);
        wire.reset();
        JsonNode answer = invoke(handler, "{\"reads\":1}");
        assertThat(answer.path("metrics").path("function").asText()).isEqualTo("HandedName");
        assertThat(wire.requests().values().stream().mapToLong(Long::longValue).sum())
                .as("the client reached the handed DynamoDB endpoint").isEqualTo(1);
    }

    @Test
    void anEnvironmentHandedAfterFirstUseIsRefusedAndChangesNothing() throws IOException {
        Reader handler = MeteredHandler.withEnvironment(new Reader(), env);
        invoke(handler, "{\"reads\":1}");
        Map<String, String> other = Map.of("AWS_LAMBDA_FUNCTION_NAME", "Other");
        assertThatThrownBy(() -> handler.useEnvironment(other)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read its environment already");
        assertThat(invoke(handler, "{\"reads\":1}").path("metrics").path("function").asText())
                .isEqualTo("ReaderFunction");
    }

    @Test
    void aNullEnvironmentOrANullValueIsRefusedByName() {
        Reader handler = new Reader();
        assertThatThrownBy(() -> handler.useEnvironment(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        Map<String, String> withNull = new java.util.HashMap<>(env);
        withNull.put("COUNTER_TABLE", null);
        assertThatThrownBy(() -> handler.useEnvironment(withNull)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("COUNTER_TABLE");
        assertThat(handler.resourcesMade()).isFalse();
        handler.useEnvironment(env); // nothing was taken: a good map is still accepted
    }
}
