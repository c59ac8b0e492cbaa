package io.durablebench.locallambda;

import static io.durablebench.locallambda.LocalLambdaTestSupport.client;
import static io.durablebench.locallambda.LocalLambdaTestSupport.config;
import static io.durablebench.locallambda.LocalLambdaTestSupport.invoke;
import static io.durablebench.locallambda.LocalLambdaTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Lambda's per-execution limits at their real values, from inside a running invocation
 * (ProbeHandler, the stock SDK): 3,000 operations and 100 MB of checkpointed payloads are accepted,
 * the checkpoint that would pass either is refused with InvalidParameterValueException (HTTP 400),
 * and the refusal changes nothing: the counts stay, the execution takes further checkpoints that
 * stay within the limits.
 */
class ExecutionLimitsTest {
    static LocalLambda lambda;
    static LambdaClient client;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        lambda = LocalLambda.start(config().build());
        client = client(lambda.endpoint());
    }

    @AfterAll
    static void stop() {
        client.close();
        lambda.close();
    }

    record Probe(List<JsonNode> results, String arn) {
    }

    private static Probe probe(String batches) {
        InvokeResponse r = invoke(client, "ProbeFunction:$LATEST", "{\"batches\":[" + batches + "]}");
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        List<JsonNode> out = new ArrayList<>();
        json(r.payload().asUtf8String()).forEach(out::add);
        return new Probe(out, r.durableExecutionArn());
    }

    private static String steps(int from, int count, Integer payloadSize) {
        return "{\"steps\":{\"from\":" + from + ",\"count\":" + count
                + (payloadSize == null ? "" : ",\"payloadSize\":" + payloadSize) + "}}";
    }

    private static JsonNode metrics(String arn) throws Exception {
        String path = "/local/executions/" + URLEncoder.encode(arn, StandardCharsets.UTF_8) + "/metrics";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(lambda.endpoint().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body());
    }

    private static void assertRefused(JsonNode result, String messageStart) {
        assertThat(result.path("error").asText()).as(result.toString()).isEqualTo("InvalidParameterValueException");
        assertThat(result.path("status").asInt()).isEqualTo(400);
        assertThat(result.path("message").asText()).startsWith(messageStart);
    }

    @Test
    void theOperationPastThreeThousandIsRefusedAndChangesNothing() throws Exception {
        Probe p = probe(steps(1, 2_999, null) + "," + steps(3_000, 2, null) + "," + steps(3_000, 1, null) + ","
                + steps(3_001, 1, null) + ",{\"updates\":[{\"Id\":\"s1\",\"Type\":\"STEP\",\"Action\":\"SUCCEED\","
                + "\"Payload\":\"1\"}]},{\"state\":{\"maxItems\":1000}}");
        assertThat(p.results().get(0).path("ok").asBoolean()).as(p.results().get(0).toString()).isTrue();
        // 2,999 + 2 would be 3,001: the whole checkpoint is refused, neither step is created
        assertRefused(p.results().get(1), "The durable execution has reached its maximum number of operations: "
                + "3000 allowed, this checkpoint would make 3001");
        assertThat(p.results().get(2).path("ok").asBoolean()).as("the 3,000th operation").isTrue();
        assertRefused(p.results().get(3), "The durable execution has reached its maximum number of operations");
        assertThat(p.results().get(4).path("ok").asBoolean()).as("an update of an existing operation still goes")
                .isTrue();
        JsonNode ids = p.results().get(5).path("ids");
        assertThat(ids.size()).as("the EXECUTION operation and the 3,000 steps").isEqualTo(3_001);
        ids.forEach(id -> assertThat(id.asText()).isNotEqualTo("s3001"));
        JsonNode m = metrics(p.arn());
        assertThat(m.path("OperationsStarted").asLong()).isEqualTo(3_000);
        assertThat(m.path("RejectedCheckpointCalls").asLong()).isEqualTo(2);
    }

    @Test
    void theByteThatPassesOneHundredMegabytesIsRefused() throws Exception {
        // 400 step results of the largest payload an operation may have (262,144 bytes): exactly 100 MiB,
        // in checkpoints of 30 (each request under the service's 8 MB body limit)
        StringBuilder batches = new StringBuilder();
        for (int from = 1; from <= 400; from += 30) {
            batches.append(steps(from, Math.min(30, 401 - from), 262_144)).append(',');
        }
        batches.append(steps(401, 1, 1)).append(',').append(steps(402, 1, null));
        Probe p = probe(batches.toString());
        for (int i = 0; i < 14; i++) {
            assertThat(p.results().get(i).path("ok").asBoolean()).as("checkpoint %d: %s", i, p.results().get(i))
                    .isTrue();
        }
        assertRefused(p.results().get(14), "The durable execution has reached its maximum size of checkpointed data: "
                + "104857600 bytes allowed, this checkpoint would make 104857601");
        assertThat(p.results().get(15).path("ok").asBoolean()).as("a step without a payload still goes").isTrue();
        JsonNode m = metrics(p.arn());
        assertThat(m.path("PayloadBytes").asLong()).isEqualTo(100L * 1024 * 1024);
        assertThat(m.path("OperationsStarted").asLong()).isEqualTo(401);
    }
}
