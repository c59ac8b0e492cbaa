package io.durablebench.locallambda;

import static io.durablebench.locallambda.LocalLambdaTestSupport.config;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local extras' documents and their members' names (PascalCase, in a fixed order). */
class LocalExtrasApiTest extends SharedLambdaTest {
    @BeforeAll
    static void start() {
        start(config().build());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void healthAndStoreNameTheirMembersAsBefore() throws Exception {
        LocalLambdaTestSupport.invoke(client, "StepsFunction:$LATEST", "{\"steps\":2}");
        JsonNode health = LocalApiClient.get(lambda.endpoint(), "/local/health");
        assertThat(health.get("Status").asText()).isEqualTo("OK");
        assertThat(health.get("Executions").asInt()).isEqualTo(1);
        JsonNode store = LocalApiClient.get(lambda.endpoint(), "/local/store");
        assertThat(names(store)).containsExactly("Appends", "Syncs", "Bytes", "SyncNanos", "WriteNanos");
        assertThat(store.get("Appends").asLong()).as("the execution's changes were written").isPositive();
        assertThat(store.get("Appends").isIntegralNumber()).isTrue();
    }

    @Test
    void environmentsListsNoFunctionWhenAllRunInProcess() throws Exception {
        JsonNode environments = LocalApiClient.get(lambda.endpoint(), "/local/environments");
        assertThat(names(environments)).containsExactly("Functions");
        assertThat(environments.get("Functions")).isEmpty();
    }
}
