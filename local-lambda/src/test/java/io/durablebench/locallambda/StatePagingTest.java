package io.durablebench.locallambda;

import static io.durablebench.locallambda.LocalLambdaTestSupport.client;
import static io.durablebench.locallambda.LocalLambdaTestSupport.config;
import static io.durablebench.locallambda.LocalLambdaTestSupport.invoke;
import static io.durablebench.locallambda.LocalLambdaTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * State larger than one page (5 MiB): the invocation event's InitialExecutionState and a
 * checkpoint's NewExecutionState both carry a NextMarker, and GetDurableExecutionState serves the
 * rest.
 */
class StatePagingTest extends SharedLambdaTest {

    @BeforeAll
    static void start() {
        start(config().skipTime(true).build());
    }

    @Test
    void initialExecutionStateIsPagedWhenLarge() {
        InvokeResponse r = invoke(client, "BigStateFunction:$LATEST", "{\"ops\":30,\"size\":200000}");
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        JsonNode result = json(r.payload().asUtf8String());
        assertThat(result.get("complete").asInt()).isEqualTo(30);
        JsonNode pages = result.get("pages");
        assertThat(pages.size()).isGreaterThan(1);
        int total = 0;
        for (JsonNode p : pages) {
            total += p.asInt();
        }
        assertThat(total).isEqualTo(32); // EXECUTION + 30 steps + the wait
    }

    @Test
    void checkpointResponseIsPagedWhenLarge() {
        InvokeResponse r = invoke(client, "BigStateFunction:$LATEST", "{\"ops\":30,\"size\":200000,\"oneBatch\":true}");
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        JsonNode result = json(r.payload().asUtf8String());
        assertThat(result.get("deltaPaged").asBoolean()).isTrue();
        assertThat(result.get("complete").asInt()).isEqualTo(30);
    }
}
