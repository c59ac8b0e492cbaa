package io.durablebench.locallambda;

import static io.durablebench.locallambda.LocalLambdaTestSupport.await;
import static io.durablebench.locallambda.LocalLambdaTestSupport.client;
import static io.durablebench.locallambda.LocalLambdaTestSupport.config;
import static io.durablebench.locallambda.LocalLambdaTestSupport.eventTypes;
import static io.durablebench.locallambda.LocalLambdaTestSupport.history;
import static io.durablebench.locallambda.LocalLambdaTestSupport.invoke;
import static io.durablebench.locallambda.LocalLambdaTestSupport.startAsync;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;

/** Executions kept in a data directory outlive the service (an orderly restart; the crash test kills it). */
class RestartTest {
    @TempDir
    Path data;

    @Test
    void executionsAndTheirHistorySurviveARestartAndSuspendedOnesResume() throws Exception {
        String done;
        String suspended;
        String callbackId;
        int eventsBefore;
        JsonNode metricsBefore;
        try (LocalLambda lambda = LocalLambda.start(config().dataDir(data).build());
             LambdaClient client = client(lambda.endpoint())) {
            done = invoke(client, "StepsFunction:$LATEST", "{\"steps\":3}").durableExecutionArn();
            suspended = startAsync(client, "CallbackFunction:$LATEST", "{}", "restart-me");
            String[] id = new String[1];
            await("callback started", Duration.ofSeconds(20), () -> history(client, suspended, false).stream()
                    .filter(e -> e.eventTypeAsString().equals("CallbackStarted")).findFirst()
                    .map(e -> id[0] = e.callbackStartedDetails().callbackId()).isPresent()
                    && eventTypes(history(client, suspended, false)).contains("InvocationCompleted"));
            callbackId = id[0];
            eventsBefore = history(client, done, false).size();
            metricsBefore = LocalApiClient.metrics(lambda.endpoint(), done);
        }
        try (LocalLambda lambda = LocalLambda.start(config().dataDir(data).build());
             LambdaClient client = client(lambda.endpoint())) {
            GetDurableExecutionResponse d = client.getDurableExecution(b -> b.durableExecutionArn(done));
            assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(d.result()).isEqualTo("6");
            List<Event> events = history(client, done, true);
            assertThat(events).hasSize(eventsBefore);
            assertThat(events.get(2).stepSucceededDetails().result().payload()).isEqualTo("1");
            assertThat(LocalApiClient.metrics(lambda.endpoint(), done)).isEqualTo(metricsBefore);

            assertThat(client.getDurableExecution(b -> b.durableExecutionArn(suspended)).status())
                    .isEqualTo(ExecutionStatus.RUNNING);
            client.sendDurableExecutionCallbackSuccess(b -> b.callbackId(callbackId)
                    .result(SdkBytes.fromUtf8String("\"after restart\"")));
            await("resumed execution", Duration.ofSeconds(20), () -> client.getDurableExecution(
                    b -> b.durableExecutionArn(suspended)).status() == ExecutionStatus.SUCCEEDED);
            assertThat(client.getDurableExecution(b -> b.durableExecutionArn(suspended)).result())
                    .isEqualTo("\"after restart\"");
            List<Event> resumed = history(client, suspended, false);
            for (int i = 0; i < resumed.size(); i++) {
                assertThat(resumed.get(i).eventId()).isEqualTo(i + 1);
            }
            assertThat(eventTypes(resumed)).containsSubsequence("CallbackStarted", "InvocationCompleted",
                    "CallbackSucceeded", "InvocationCompleted", "ExecutionSucceeded");
            // The name index survived too: starting "restart-me" again with the same input finds it.
            assertThat(startAsync(client, "CallbackFunction:$LATEST", "{}", "restart-me")).isEqualTo(suspended);
        }
    }
}
