package io.durablebench.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.durable.client.LambdaDurableExecutionClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The defaults a handler gets without configuring anything. */
class DurableConfigTest {
    @Test
    void withoutAClientTheFunctionsLambdaClientIsUsedWithTheOfficialSdksCallLimits() {
        DurableConfig c = DurableConfig.builder().durableExecutionClient(null).build();
        assertThat(c.client()).isInstanceOf(LambdaDurableExecutionClient.class);
        // the official SDKs' caps: 200 updates and 750 KB per call (protocol notes section 3)
        assertThat(c.maxUpdatesPerCheckpoint()).isEqualTo(200);
        assertThat(c.maxBytesPerCheckpoint()).isEqualTo(768_000);
        assertThat(c.checkpointDelay()).isEqualTo(Duration.ZERO);
    }

    @Test
    void fromEnvironmentUsesTheEndpointAndRegionItNames() {
        DurableConfig c = DurableConfig.fromEnvironment(Map.of("AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:9",
                "AWS_REGION", "eu-west-3", "AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "x"));
        assertThat(c.client()).isInstanceOf(LambdaDurableExecutionClient.class);
        var lambda = DurableConfig.lambdaClient(Map.of("AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:9",
                "AWS_REGION", "eu-west-3", "AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "x"));
        assertThat(lambda.serviceClientConfiguration().region().id()).isEqualTo("eu-west-3");
        assertThat(lambda.serviceClientConfiguration().endpointOverride()).hasValueSatisfying(uri ->
                assertThat(uri.toString()).isEqualTo("http://127.0.0.1:9"));
        lambda.close();
    }
}
