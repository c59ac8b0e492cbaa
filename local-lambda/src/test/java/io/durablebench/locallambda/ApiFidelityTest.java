package io.durablebench.locallambda;

import static io.durablebench.locallambda.LocalLambdaTestSupport.await;
import static io.durablebench.locallambda.LocalLambdaTestSupport.client;
import static io.durablebench.locallambda.LocalLambdaTestSupport.config;
import static io.durablebench.locallambda.LocalLambdaTestSupport.history;
import static io.durablebench.locallambda.LocalLambdaTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Where local-lambda differed from Lambda for a client it did not write (issue 14, points 1-5),
 * each checked through a stock SDK client or the raw HTTP API.
 */
class ApiFidelityTest extends SharedLambdaTest {

    @BeforeAll
    static void start() {
        start(config().skipTime(true).build());
    }

    private static String run(String function, String payload) throws InterruptedException {
        InvokeResponse r = client.invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
        String arn = r.durableExecutionArn();
        await("the execution", Duration.ofSeconds(30),
                () -> client.getDurableExecution(b -> b.durableExecutionArn(arn)).status() != ExecutionStatus.RUNNING);
        return arn;
    }

    private static Event chainedInvokeStarted(String arn) {
        return history(client, arn, true).stream().filter(e -> e.eventType() == EventType.CHAINED_INVOKE_STARTED)
                .findFirst().orElseThrow();
    }

    /** 1: the real service passes no payload when a chained invoke has none (not {@code {}}). */
    @Test
    void aChainedInvokeWithoutAPayloadSendsTheTargetNone() throws Exception {
        String arn = run("InvokerFunction:$LATEST", "{\"target\":\"EchoFunction\"}");
        JsonNode echoed = json(client.getDurableExecution(b -> b.durableExecutionArn(arn)).result());
        assertThat(echoed.get("inputBytes").asInt()).isZero();
        assertThat(chainedInvokeStarted(arn).chainedInvokeStartedDetails().input()).isNull();
    }

    /** 2: ChainedInvokeStartedDetails.ExecutedVersion names the version that ran. */
    @Test
    void chainedInvokeStartedNamesTheExecutedVersion() throws Exception {
        String toAlias = run("InvokerFunction:$LATEST", "{\"target\":\"StepsFunction:live\",\"payload\":{\"steps\":2}}");
        assertThat(chainedInvokeStarted(toAlias).chainedInvokeStartedDetails().executedVersion()).isEqualTo("1");
        String toLatest = run("InvokerFunction:$LATEST", "{\"target\":\"EchoFunction\",\"payload\":{}}");
        assertThat(chainedInvokeStarted(toLatest).chainedInvokeStartedDetails().executedVersion()).isEqualTo("$LATEST");
    }

    /** 3: IncludeExecutionData defaults to true in GetDurableExecutionHistory. */
    @Test
    void historyIncludesPayloadsWhenTheCallerDoesNotSay() throws Exception {
        String arn = run("StepsFunction:live", "{\"steps\":1}");
        List<Event> events = client.getDurableExecutionHistory(b -> b.durableExecutionArn(arn)).events();
        Event started = events.stream().filter(e -> e.eventType() == EventType.EXECUTION_STARTED).findFirst().orElseThrow();
        assertThat(started.executionStartedDetails().input().payload()).isEqualTo("{\"steps\":1}");
        assertThat(started.executionStartedDetails().input().truncated()).isFalse();
        List<Event> without = client.getDurableExecutionHistory(b -> b.durableExecutionArn(arn)
                .includeExecutionData(false)).events();
        assertThat(without.get(0).executionStartedDetails().input().payload()).isNull();
        assertThat(without.get(0).executionStartedDetails().input().truncated()).isTrue();
    }

    /** 4: GetDurableExecution honours IncludeExecutionData and reports ExecutionDataIncluded and DurableConfig. */
    @Test
    void getDurableExecutionHonoursIncludeExecutionData() throws Exception {
        String arn = run("StepsFunction:live", "{\"steps\":2}");
        String path = "/2025-12-01/durable-executions/" + URLEncoder.encode(arn, StandardCharsets.UTF_8);
        JsonNode with = LocalApiClient.get(lambda.endpoint(), path);
        assertThat(with.get("InputPayload").asText()).isEqualTo("{\"steps\":2}");
        assertThat(with.get("Result").asText()).isEqualTo("3");
        assertThat(with.get("ExecutionDataIncluded").asBoolean()).isTrue();
        assertThat(with.get("DurableConfig").get("ExecutionTimeout").asLong()).isEqualTo(300);
        assertThat(with.get("DurableConfig").get("RetentionPeriodInDays").asInt()).isBetween(1, 90);
        JsonNode without = LocalApiClient.get(lambda.endpoint(), path + "?IncludeExecutionData=false");
        assertThat(without.has("InputPayload")).isFalse();
        assertThat(without.has("Result")).isFalse();
        assertThat(without.get("ExecutionDataIncluded").asBoolean()).isFalse();
        assertThat(without.get("Status").asText()).isEqualTo("SUCCEEDED");
    }

    /** 5: a function at its reserved concurrency answers 429 TooManyRequestsException. */
    @Test
    void aFunctionAtItsReservedConcurrencyIsThrottled() throws Exception {
        List<String> outcomes = LocalLambdaTestSupport.concurrently(3, () -> {
            try {
                client.invoke(b -> b.functionName("ThrottledFunction")
                        .payload(SdkBytes.fromUtf8String("{\"sleepMillis\":3000}")));
                return "ran";
            } catch (TooManyRequestsException e) {
                return "429 " + e.reason() + " " + e.awsErrorDetails().sdkHttpResponse()
                        .firstMatchingHeader("Retry-After").orElse("-");
            }
        });
        assertThat(outcomes).contains("ran").contains("429 ReservedFunctionConcurrentInvocationLimitExceeded 1");
        // the slot is free again once the invocation ended
        assertThat(client.invoke(b -> b.functionName("ThrottledFunction").payload(SdkBytes.fromUtf8String("{}")))
                .functionError()).isNull();
    }

    /** 5: the qualifier $LATEST.PUBLISHED is accepted: the latest published version, if there is one. */
    @Test
    void latestPublishedNamesTheLatestPublishedVersion() {
        InvokeResponse r = client.invoke(b -> b.functionName("StepsFunction:$LATEST.PUBLISHED")
                .payload(SdkBytes.fromUtf8String("{\"steps\":3}")));
        assertThat(r.payload().asUtf8String()).isEqualTo("6");
        assertThat(r.executedVersion()).isEqualTo("1");
        assertThatThrownBy(() -> client.invoke(b -> b.functionName("EchoFunction").qualifier("$LATEST.PUBLISHED")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("$LATEST.PUBLISHED");
    }
}
