package io.durablebench.locallambda;

import static io.durablebench.locallambda.LocalLambdaTestSupport.awaitEnd;
import static io.durablebench.locallambda.LocalLambdaTestSupport.client;
import static io.durablebench.locallambda.LocalLambdaTestSupport.config;
import static io.durablebench.locallambda.LocalLambdaTestSupport.eventTypes;
import static io.durablebench.locallambda.LocalLambdaTestSupport.history;
import static io.durablebench.locallambda.LocalLambdaTestSupport.invoke;
import static io.durablebench.locallambda.LocalLambdaTestSupport.startAsync;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** Timers in real time (no skipping): a wait, an execution timeout, a callback timeout. */
class RealTimeTest extends SharedLambdaTest {

    @BeforeAll
    static void start() {
        start(config().build());
    }

    @Test
    void aWaitLastsItsDuration() {
        long t0 = System.nanoTime();
        InvokeResponse r = invoke(client, "WaitFunction:$LATEST", "{\"seconds\":1}");
        assertThat(r.payload().asUtf8String()).isEqualTo("\"waited\"");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        List<Event> events = history(client, r.durableExecutionArn(), false);
        Event started = events.stream().filter(e -> e.eventTypeAsString().equals("WaitStarted")).findFirst().orElseThrow();
        Event done = events.stream().filter(e -> e.eventTypeAsString().equals("WaitSucceeded")).findFirst().orElseThrow();
        assertThat(Duration.between(started.eventTimestamp(), done.eventTimestamp()))
                .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    @Test
    void theExecutionTimeoutOfDurableConfigEndsTheExecution() throws Exception {
        String arn = startAsync(client, "ShortTimeoutFunction:$LATEST", "{\"seconds\":600}", null);
        GetDurableExecutionResponse e = awaitEnd(client, arn);
        assertThat(e.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(Duration.between(e.startTimestamp(), e.endTimestamp())).isBetween(Duration.ofSeconds(2),
                Duration.ofSeconds(4));
        assertThat(e.error().errorMessage()).isEqualTo("Execution timed out after 2 seconds.");
        assertThat(eventTypes(history(client, arn, false))).endsWith("ExecutionTimedOut");
    }

    @Test
    void aCallbackNobodyCompletesTimesOut() throws Exception {
        String arn = startAsync(client, "CallbackFunction:$LATEST", "{\"timeout\":1}", null);
        GetDurableExecutionResponse e = awaitEnd(client, arn);
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error().errorType()).isEqualTo("Callback.Timeout");
        assertThat(e.error().errorMessage()).isEqualTo("TIMED_OUT: Callback timed out");
        assertThat(eventTypes(history(client, arn, false))).containsSubsequence("CallbackStarted",
                "InvocationCompleted", "CallbackTimedOut", "InvocationCompleted", "ExecutionFailed");
    }
}
