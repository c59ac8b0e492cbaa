package io.durablebench.counter.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.local.wire.WireCounter;
import io.durablebench.model.json.StrictJson;
import io.durablebench.support.MeteredHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The counter baseline against a real DynamoDB with the template's table. The same tests run on two
 * backends: DynamoDB Local in this JVM ({@link CounterBaselineHandlerTest}) and LocalStack in a
 * container ({@link CounterBaselineLocalStackTest}); a backend differs only where noted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CounterBaselineBackendTest {
    static final String FUNCTION = "CounterBaselineFunction";
    Backend backend;
    WireCounter wire;
    Map<String, String> env;

    /** A handler instance as the local Lambda makes one: Lambda's constructor, then this backend's environment handed. */
    CounterBaselineHandler newHandler() {
        return MeteredHandler.withEnvironment(new CounterBaselineHandler(), env);
    }

    /** A running DynamoDB with the template's table: its endpoint, a client, the function's environment. */
    record Backend(URI endpoint, DynamoDbClient client, Map<String, String> functionEnvironment, AutoCloseable stop) {
    }

    abstract Backend startBackend();

    /**
     * Write capacity the backend reports for the paper's sequence (one transaction: the counter update
     * and three idempotency markers, each under 1 KB). DynamoDB's documentation (Developer Guide, "DynamoDB
     * read and write operations", capacity unit consumption for writes) has a transactional write of an
     * item up to 1 KB take two write units: 8.0 on DynamoDB itself. Neither local backend matches it.
     * Where they do match the documentation: a transaction holds at most 100 actions (API Reference,
     * TransactWriteItems), so 100 mutating operations take two transactions on both
     * ({@link #aHundredMutatingOperationsSpanTwoTransactions}).
     */
    abstract double paperSequenceWriteCapacity();

    @BeforeAll
    void start() {
        backend = startBackend();
        wire = WireCounter.in(backend.endpoint());
        env = new HashMap<>(backend.functionEnvironment());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", wire.endpoint().toString());
    }

    @AfterAll
    void stop() throws Exception {
        wire.close();
        backend.stop().close();
    }

    static JsonNode invoke(CounterBaselineHandler handler, String json) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, null);
            return StrictJson.parse(out.toByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String paperRequest(String counterId) {
        return """
                {"counterId":"%s","operations":[
                  {"id":"op-1","op":"increment","amount":1},
                  {"id":"op-2","op":"increment","amount":2},
                  {"id":"op-3","op":"read"},
                  {"id":"op-4","op":"decrement","amount":1}]}""".formatted(counterId);
    }

    static List<Long> values(JsonNode response) {
        List<Long> values = new ArrayList<>();
        response.get("results").forEach(r -> values.add(r.get("value").longValue()));
        return values;
    }

    @Test
    void snapStartPrimingMakesTheClientAndRunsItsCallsWithoutSendingAndTheFirstInvocationCountsOnlyItsOwn() {
        CounterBaselineHandler handler = newHandler();
        assertThat(handler.resourcesMade()).isFalse();
        long before = wire.totalRequests();

        handler.priming().beforeCheckpoint(null); // what the Lambda runtime runs before the snapshot

        assertThat(handler.resourcesMade()).isTrue();
        assertThat(handler.priming().primed()).isTrue();
        assertThat(wire.totalRequests()).as("priming sends nothing").isEqualTo(before);
        JsonNode response = invoke(handler, paperRequest("primed-" + System.nanoTime()));
        assertThat(values(response)).containsExactly(1L, 3L, 3L, 2L);
        assertThat(response.at("/metrics/coordination/byOperation").toString())
                .isEqualTo("{\"GetItem\":1,\"TransactWriteItems\":1}");
        assertThat(response.at("/metrics/coordination/failedCalls").asLong()).isZero();
    }

    @Test
    void paperSequenceTakesOneReadAndOneTransaction() {
        CounterBaselineHandler handler = newHandler();
        wire.reset();
        JsonNode response = invoke(handler, paperRequest("paper"));

        assertThat(response.get("finalValue").longValue()).isEqualTo(2);
        assertThat(values(response)).containsExactly(1L, 3L, 3L, 2L);
        JsonNode ddb = response.get("metrics").get("coordination");
        assertThat(ddb.get("calls").longValue()).isEqualTo(2);
        assertThat(ddb.get("byOperation").get("GetItem").longValue()).isEqualTo(1);
        assertThat(ddb.get("byOperation").get("TransactWriteItems").longValue()).isEqualTo(1);
        // The response's counts are what crossed the wire.
        assertThat(wire.requests()).isEqualTo(Map.of("GetItem", 1L, "TransactWriteItems", 1L));
        assertThat(ddb.get("readCapacityUnits").doubleValue()).isEqualTo(1.0);
        assertThat(ddb.get("writeCapacityUnits").doubleValue()).isEqualTo(paperSequenceWriteCapacity());
    }

    @Test
    void duplicateDeliveryLeavesTheValueUnchanged() {
        CounterBaselineHandler handler = newHandler();
        JsonNode first = invoke(handler, paperRequest("dup"));
        JsonNode again = invoke(handler, paperRequest("dup"));
        JsonNode third = invoke(newHandler(), paperRequest("dup"));

        assertThat(first.get("finalValue").longValue()).isEqualTo(2);
        for (JsonNode redelivered : List.of(again, third)) {
            assertThat(redelivered.get("finalValue").longValue()).isEqualTo(2);
            // Mutating operations report the value recorded when they were first applied.
            assertThat(values(redelivered)).containsExactly(1L, 3L, 2L, 2L);
            assertThat(redelivered.get("results").get(0).get("duplicate").booleanValue()).isTrue();
            assertThat(redelivered.get("results").get(2).get("duplicate").booleanValue()).isFalse();
            assertThat(redelivered.get("metrics").get("coordination").get("writeCapacityUnits").doubleValue()).isZero();
        }
        assertThat(storedValue("dup")).isEqualTo(2);
    }

    @Test
    void aRequestOverlappingAnEarlierOneAppliesOnlyTheNewOperations() {
        CounterBaselineHandler handler = newHandler();
        invoke(handler, """
                {"counterId":"overlap","operations":[{"id":"a","op":"increment","amount":10}]}""");
        JsonNode r = invoke(handler, """
                {"counterId":"overlap","operations":[
                  {"id":"a","op":"increment","amount":10},
                  {"id":"b","op":"increment","amount":5},
                  {"id":"c","op":"read"}]}""");
        assertThat(values(r)).containsExactly(10L, 15L, 15L);
        assertThat(r.get("results").get(0).get("duplicate").booleanValue()).isTrue();
        assertThat(r.get("finalValue").longValue()).isEqualTo(15);
        assertThat(storedValue("overlap")).isEqualTo(15);
    }

    @Test
    void readsOnlyTakeOneGetItem() {
        CounterBaselineHandler handler = newHandler();
        JsonNode r = invoke(handler, """
                {"counterId":"never-written","operations":[{"id":"r","op":"read"}]}""");
        assertThat(r.get("finalValue").longValue()).isZero();
        assertThat(r.get("metrics").get("coordination").get("byOperation").toString()).isEqualTo("{\"GetItem\":1}");
    }

    @Test
    void aHundredMutatingOperationsSpanTwoTransactions() {
        String ops = IntStream.range(0, 100).mapToObj(i -> "{\"id\":\"i" + i + "\",\"op\":\"increment\",\"amount\":" + (i + 1) + "}")
                .collect(Collectors.joining(","));
        JsonNode r = invoke(newHandler(), "{\"counterId\":\"hundred\",\"operations\":[" + ops + "]}");
        assertThat(r.get("finalValue").longValue()).isEqualTo(5050);
        assertThat(r.get("results").get(99).get("value").longValue()).isEqualTo(5050);
        assertThat(r.get("metrics").get("coordination").get("byOperation").get("TransactWriteItems").longValue()).isEqualTo(2);
        assertThat(storedValue("hundred")).isEqualTo(5050);
        JsonNode again = invoke(newHandler(), "{\"counterId\":\"hundred\",\"operations\":[" + ops + "]}");
        assertThat(again.get("finalValue").longValue()).isEqualTo(5050);
        assertThat(storedValue("hundred")).isEqualTo(5050);
    }

    @Test
    void sixteenConcurrentInvocationsOfAHundredIncrementsEachEndAtExactly1600() throws Exception {
        List<Long> finals = runConcurrently(16, 1, 100, "contended-batch");
        assertThat(storedValue("contended-batch")).isEqualTo(1600);
        assertThat(finals).contains(1600L);
    }

    @Test
    void manyConcurrentSingleIncrementsLoseNothing() throws Exception {
        runConcurrently(16, 12, 1, "contended-single");
        assertThat(storedValue("contended-single")).isEqualTo(16 * 12);
    }

    /** {@code clients} threads, each with its own handler, each making {@code invocations} requests of {@code opsPer} increments. */
    List<Long> runConcurrently(int clients, int invocations, int opsPer, String counterId) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    // One handler per client, as Lambda runs one invocation per environment at a time.
                    CounterBaselineHandler handler = newHandler();
                    long last = 0;
                    for (int i = 0; i < invocations; i++) {
                        int invocation = i;
                        String ops = IntStream.range(0, opsPer)
                                .mapToObj(k -> "{\"id\":\"c%d-%d-%d\",\"op\":\"increment\",\"amount\":1}".formatted(client, invocation, k))
                                .collect(Collectors.joining(","));
                        JsonNode r = invoke(handler, "{\"counterId\":\"" + counterId + "\",\"operations\":[" + ops + "]}");
                        last = r.get("finalValue").longValue();
                    }
                    return last;
                }));
            }
            List<Long> finals = new ArrayList<>();
            for (Future<Long> f : futures) {
                finals.add(f.get());
            }
            return finals;
        } finally {
            pool.shutdown();
        }
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("{\"counterId\":\"bad\",\"operations\":[{\"id\":\"x\"}]}", "operations[0].op"),
                Arguments.of("{\"counterId\":\"bad\",\"operations\":[{\"id\":\"x\",\"op\":\"square\"}]}", "operations[0].op"),
                Arguments.of("{\"counterId\":\"bad\",\"operations\":[{\"id\":\"x\",\"op\":\"increment\",\"amount\":\"2\"}]}", "operations[0].amount"),
                Arguments.of("{\"counterId\":\"bad\",\"operations\":[{\"id\":\"x\",\"op\":\"increment\",\"amount\":2.5}]}", "operations[0].amount"),
                Arguments.of("{\"counterId\":\"bad\",\"operations\":[{\"id\":\"x\",\"op\":\"increment\",\"amount\":9223372036854775808}]}", "operations[0].amount"),
                Arguments.of("{\"counterId\":\"bad\",\"operations\":[{\"id\":\"\",\"op\":\"read\"}]}", "operations[0].id"),
                Arguments.of("{\"counterId\":\"\",\"operations\":[{\"id\":\"x\",\"op\":\"read\"}]}", "counterId"),
                Arguments.of("{\"counterId\":\"bad\",\"operations\":[" + IntStream.range(0, 101)
                        .mapToObj(i -> "{\"id\":\"o" + i + "\",\"op\":\"increment\",\"amount\":1}").collect(Collectors.joining(",")) + "]}", "operations"),
                Arguments.of("{\"counterId\":\"bad\",\"operations\":[{\"id\":\"x\",\"op\":\"read\"}],\"debug\":true}", "debug"),
                // a valid first operation must not be applied when a later one is bad
                Arguments.of("{\"counterId\":\"bad\",\"operations\":[{\"id\":\"ok\",\"op\":\"increment\",\"amount\":1},{\"id\":\"x\",\"op\":\"increment\"}]}", "operations[1].amount"),
                Arguments.of("{\"counterId\":\"bad\",\"operations\":[{\"id\":\"x\",\"op\":\"read\"}", ""),
                Arguments.of("not json", ""));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badInput")
    void badInputIsRefusedNamingTheFieldAndWritesNothing(String json, String field) {
        invoke(newHandler(), "{\"counterId\":\"bad\",\"operations\":[{\"id\":\"seed\",\"op\":\"increment\",\"amount\":3}]}");
        String before = tableDump();
        wire.reset();

        JsonNode r = invoke(newHandler(), json);

        assertThat(r.get("error").get("type").textValue()).isEqualTo("InvalidInput");
        assertThat(r.get("error").get("field").textValue()).isEqualTo(field);
        assertThat(r.get("error").get("message").textValue()).isNotBlank();
        assertThat(r.toString()).doesNotContain("at io.durablebench").doesNotContain("stackTrace");
        assertThat(r.has("finalValue")).isFalse();
        assertThat(wire.totalRequests()).as("no DynamoDB call at all").isZero();
        assertThat(tableDump()).isEqualTo(before);
    }

    long storedValue(String counterId) {
        Map<String, AttributeValue> item = backend.client().getItem(r -> r.tableName("CounterTable").consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(CounterLedger.counterKey(counterId))))).item();
        return Long.parseLong(item.get("value").n());
    }

    /** Every item of the table, serialized in key order: equal dumps mean a byte-for-byte equal table. */
    String tableDump() {
        return backend.client().scanPaginator(r -> r.tableName("CounterTable").consistentRead(true)).items().stream()
                .map(item -> new java.util.TreeMap<>(item).toString())
                .sorted()
                .collect(Collectors.joining("\n"));
    }
}
