package io.durablebench.locallambda;

import static io.durablebench.locallambda.LocalLambdaTestSupport.await;
import static io.durablebench.locallambda.LocalLambdaTestSupport.awaitEnd;
import static io.durablebench.locallambda.LocalLambdaTestSupport.client;
import static io.durablebench.locallambda.LocalLambdaTestSupport.config;
import static io.durablebench.locallambda.LocalLambdaTestSupport.eventTypes;
import static io.durablebench.locallambda.LocalLambdaTestSupport.history;
import static io.durablebench.locallambda.LocalLambdaTestSupport.invoke;
import static io.durablebench.locallambda.LocalLambdaTestSupport.json;
import static io.durablebench.locallambda.LocalLambdaTestSupport.startAsync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CallbackTimeoutException;
import software.amazon.awssdk.services.lambda.model.DurableExecutionAlreadyStartedException;
import software.amazon.awssdk.services.lambda.model.ErrorObject;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionHistoryResponse;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ListDurableExecutionsByFunctionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Durable executions end to end: test handlers speak the protocol by hand through a stock
 * LambdaClient, the test observes through another one. Time skipping is on.
 */
class DurableExecutionTest extends SharedLambdaTest {

    @BeforeAll
    static void start() {
        start(config().skipTime(true).build());
    }

    private static Event first(List<Event> events, String type) {
        return events.stream().filter(e -> e.eventTypeAsString().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + eventTypes(events)));
    }

    @Test
    void synchronousInvokeReturnsTheExecutionResultAndItsArn() {
        InvokeResponse r = invoke(client, "StepsFunction:$LATEST", "{\"steps\":4,\"base\":100}");
        assertThat(r.functionError()).isNull();
        assertThat(r.payload().asUtf8String()).isEqualTo("110");
        assertThat(r.durableExecutionArn()).matches(
                "arn:aws:lambda:us-east-1:000000000000:function:StepsFunction:\\$LATEST/durable-execution/[^/]+/[0-9a-f-]{36}");
        GetDurableExecutionResponse e = client.getDurableExecution(b -> b.durableExecutionArn(r.durableExecutionArn()));
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.result()).isEqualTo("110");
        assertThat(e.inputPayload()).isEqualTo("{\"steps\":4,\"base\":100}");
        assertThat(e.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:StepsFunction:$LATEST");
        assertThat(e.version()).isEqualTo("$LATEST");
        assertThat(e.endTimestamp()).isAfterOrEqualTo(e.startTimestamp());
    }

    @Test
    void aliasesAndVersionsRunTheSameCodeAndTheArnNamesTheVersion() {
        InvokeResponse r = invoke(client, "StepsFunction:live", "{\"steps\":1}");
        assertThat(r.executedVersion()).isEqualTo("1");
        assertThat(r.durableExecutionArn()).contains(":function:StepsFunction:1/durable-execution/");
        assertThat(invoke(client, "arn:aws:lambda:us-east-1:000000000000:function:StepsFunction:1", "{\"steps\":1}")
                .payload().asUtf8String()).isEqualTo("1");
    }

    @Test
    void unqualifiedInvokeOfADurableFunctionIsRefused() {
        assertThatThrownBy(() -> invoke(client, "StepsFunction", "{}"))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("You cannot invoke a durable function using an unqualified ARN");
    }

    @Test
    void failedExecutionIsAFunctionErrorWithTheExecutionsError() {
        InvokeResponse r = invoke(client, "StepsFunction:$LATEST", "{\"failWith\":\"no stock\"}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        JsonNode body = json(r.payload().asUtf8String());
        assertThat(body.get("errorType").asText()).isEqualTo("WorkflowError");
        assertThat(body.get("errorMessage").asText()).isEqualTo("no stock");
        GetDurableExecutionResponse e = client.getDurableExecution(b -> b.durableExecutionArn(r.durableExecutionArn()));
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error().errorMessage()).isEqualTo("no stock");
    }

    @Test
    void historyHasLambdasEventTypesInOrderWithPayloadsOnlyWhenAsked() {
        InvokeResponse r = invoke(client, "StepsFunction:$LATEST", "{\"steps\":2}");
        String arn = r.durableExecutionArn();
        List<Event> events = history(client, arn, false);
        assertThat(eventTypes(events)).containsExactly("ExecutionStarted", "StepStarted", "StepSucceeded",
                "StepStarted", "StepSucceeded", "InvocationCompleted", "ExecutionSucceeded");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).eventId()).isEqualTo(i + 1);
        }
        Event started = events.get(0);
        assertThat(started.executionStartedDetails().input().truncated()).isTrue();
        assertThat(started.executionStartedDetails().input().payload()).isNull();
        assertThat(started.executionStartedDetails().executionTimeout()).isEqualTo(300);
        Event step = events.get(2);
        assertThat(step.subType()).isEqualTo("Step");
        assertThat(step.name()).isEqualTo("step1");
        assertThat(step.id()).isEqualTo("step-1");
        assertThat(step.stepSucceededDetails().result().truncated()).isTrue();
        assertThat(step.stepSucceededDetails().retryDetails().currentAttempt()).isEqualTo(1);
        Event invocation = events.get(5);
        assertThat(invocation.invocationCompletedDetails().requestId()).isNotBlank();
        assertThat(invocation.invocationCompletedDetails().endTimestamp())
                .isAfterOrEqualTo(invocation.invocationCompletedDetails().startTimestamp());

        List<Event> withData = history(client, arn, true);
        assertThat(withData.get(0).executionStartedDetails().input().payload()).isEqualTo("{\"steps\":2}");
        assertThat(withData.get(0).executionStartedDetails().input().truncated()).isFalse();
        assertThat(withData.get(2).stepSucceededDetails().result().payload()).isEqualTo("1");
        assertThat(withData.get(6).executionSucceededDetails().result().payload()).isEqualTo("3");
    }

    @Test
    void historyPagesAndReverses() {
        String arn = invoke(client, "StepsFunction:$LATEST", "{\"steps\":5}").durableExecutionArn();
        GetDurableExecutionHistoryResponse page1 = client.getDurableExecutionHistory(b -> b.durableExecutionArn(arn)
                .maxItems(4));
        assertThat(page1.events()).hasSize(4);
        assertThat(page1.nextMarker()).isNotNull();
        GetDurableExecutionHistoryResponse page2 = client.getDurableExecutionHistory(b -> b.durableExecutionArn(arn)
                .maxItems(4).marker(page1.nextMarker()));
        assertThat(page2.events().get(0).eventId()).isEqualTo(5);
        List<Event> all = history(client, arn, false);
        assertThat(all).hasSize(13);
        GetDurableExecutionHistoryResponse reversed = client.getDurableExecutionHistory(b -> b.durableExecutionArn(arn)
                .reverseOrder(true).maxItems(2));
        assertThat(reversed.events()).extracting(Event::eventTypeAsString)
                .containsExactly("ExecutionSucceeded", "InvocationCompleted");
        assertThat(client.getDurableExecutionHistoryPaginator(b -> b.durableExecutionArn(arn).maxItems(3)).events()
                .stream().count()).isEqualTo(13);
    }

    @Test
    void startingByNameIsIdempotent() {
        String name = "order-" + UUID.randomUUID();
        // A callback nobody completes keeps the execution running.
        String arn1 = startAsync(client, "CallbackFunction:$LATEST", "{\"order\":1}", name);
        String arn2 = startAsync(client, "CallbackFunction:$LATEST", "{\"order\":1}", name);
        assertThat(arn2).isEqualTo(arn1);
        assertThat(arn1).contains("/durable-execution/" + name + "/");
        assertThatThrownBy(() -> startAsync(client, "CallbackFunction:$LATEST", "{\"order\":2}", name))
                .isInstanceOf(DurableExecutionAlreadyStartedException.class)
                .hasMessageContaining(name);
        client.stopDurableExecution(b -> b.durableExecutionArn(arn1));
        // Closed: the same payload still finds the execution (a retried start sees its outcome).
        InvokeResponse again = client.invoke(b -> b.functionName("CallbackFunction:$LATEST").durableExecutionName(name)
                .payload(SdkBytes.fromUtf8String("{\"order\":1}")));
        assertThat(again.durableExecutionArn()).isEqualTo(arn1);
        assertThat(again.functionError()).isEqualTo("Unhandled");
        assertThat(json(again.payload().asUtf8String()).get("errorMessage").asText())
                .isEqualTo("Execution stopped by user request");
        assertThatThrownBy(() -> client.invoke(b -> b.functionName("WaitFunction:$LATEST").durableExecutionName("bad name!")))
                .isInstanceOf(InvalidParameterValueException.class);
    }

    @Test
    void waitSuspendsTheExecutionAndTheServiceReinvokesItWhenTheWaitEnds() throws Exception {
        Instant before = Instant.now();
        InvokeResponse r = invoke(client, "WaitFunction:$LATEST", "{\"seconds\":3600}");
        assertThat(r.payload().asUtf8String()).isEqualTo("\"waited\"");
        assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(20));
        List<Event> events = history(client, r.durableExecutionArn(), false);
        assertThat(eventTypes(events)).containsSubsequence("WaitStarted", "WaitSucceeded", "InvocationCompleted",
                "ExecutionSucceeded");
        Event started = first(events, "WaitStarted");
        assertThat(started.waitStartedDetails().duration()).isEqualTo(3600);
        assertThat(Duration.between(started.eventTimestamp(), started.waitStartedDetails().scheduledEndTimestamp()))
                .isEqualTo(Duration.ofSeconds(3600));
        Event succeeded = first(events, "WaitSucceeded");
        assertThat(succeeded.waitSucceededDetails().duration()).isEqualTo(3600);
        assertThat(succeeded.eventTimestamp()).isAfterOrEqualTo(started.waitStartedDetails().scheduledEndTimestamp());
        assertThat(events.stream().filter(e -> e.eventTypeAsString().equals("InvocationCompleted")).count())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void stepRetryGoesPendingThenReadyAndTheNextAttemptSucceeds() {
        InvokeResponse r = invoke(client, "RetryFunction:$LATEST", "{\"failures\":2,\"delay\":30}");
        assertThat(r.payload().asUtf8String()).isEqualTo("\"ok after 3\"");
        List<Event> events = history(client, r.durableExecutionArn(), true);
        assertThat(eventTypes(events)).containsExactly("ExecutionStarted",
                "StepStarted", "StepFailed", "InvocationCompleted",
                "StepStarted", "StepFailed", "InvocationCompleted",
                "StepStarted", "StepSucceeded", "InvocationCompleted", "ExecutionSucceeded");
        Event failed = events.get(2);
        assertThat(failed.stepFailedDetails().retryDetails().currentAttempt()).isEqualTo(1);
        assertThat(failed.stepFailedDetails().retryDetails().nextAttemptDelaySeconds()).isEqualTo(30);
        assertThat(failed.stepFailedDetails().error().payload().errorType()).isEqualTo("TransientError");
        assertThat(events.get(5).stepFailedDetails().retryDetails().currentAttempt()).isEqualTo(2);
        assertThat(events.get(8).stepSucceededDetails().retryDetails().currentAttempt()).isEqualTo(3);
        assertThat(Duration.between(events.get(2).eventTimestamp(), events.get(4).eventTimestamp()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    }

    private String callbackIdOf(String arn) throws InterruptedException {
        return LocalLambdaTestSupport.callbackIdOf(client, arn);
    }

    @Test
    void callbackCompletedBySendDurableExecutionCallbackSuccess() throws Exception {
        String arn = startAsync(client, "CallbackFunction:$LATEST", "{\"timeout\":600}", null);
        String callbackId = callbackIdOf(arn);
        assertThat(callbackId).matches("[A-Za-z0-9+/]+={0,2}");
        // the history below expects the first invocation to have suspended before the callback completes
        await("the first invocation to suspend", Duration.ofSeconds(20),
                () -> eventTypes(history(client, arn, false)).contains("InvocationCompleted"));
        client.sendDurableExecutionCallbackSuccess(b -> b.callbackId(callbackId)
                .result(SdkBytes.fromUtf8String("{\"approved\":true}")));
        GetDurableExecutionResponse e = awaitEnd(client, arn);
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.result()).isEqualTo("{\"approved\":true}");
        List<Event> events = history(client, arn, true);
        assertThat(eventTypes(events)).containsSubsequence("CallbackStarted", "InvocationCompleted",
                "CallbackSucceeded", "InvocationCompleted", "ExecutionSucceeded");
        assertThat(first(events, "CallbackStarted").callbackStartedDetails().timeout()).isEqualTo(600);
        assertThat(first(events, "CallbackSucceeded").callbackSucceededDetails().result().payload())
                .isEqualTo("{\"approved\":true}");
        assertThatThrownBy(() -> client.sendDurableExecutionCallbackSuccess(b -> b.callbackId(callbackId)))
                .isInstanceOf(CallbackTimeoutException.class);
    }

    @Test
    void callbackFailureAndHeartbeatTimeout() throws Exception {
        String arn = startAsync(client, "CallbackFunction:$LATEST", "{}", null);
        String callbackId = callbackIdOf(arn);
        client.sendDurableExecutionCallbackFailure(b -> b.callbackId(callbackId)
                .error(ErrorObject.builder().errorType("Rejected").errorMessage("no").build()));
        GetDurableExecutionResponse failed = awaitEnd(client, arn);
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.error().errorType()).isEqualTo("Rejected");
        assertThat(eventTypes(history(client, arn, false))).contains("CallbackFailed");

        String arn2 = startAsync(client, "CallbackFunction:$LATEST", "{\"heartbeat\":1}", null);
        String callbackId2 = callbackIdOf(arn2);
        client.sendDurableExecutionCallbackHeartbeat(b -> b.callbackId(callbackId2));
        GetDurableExecutionResponse timedOut = awaitEnd(client, arn2);
        assertThat(timedOut.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(timedOut.error().errorType()).isEqualTo("Callback.Heartbeat");
        Event e = first(history(client, arn2, true), "CallbackTimedOut");
        assertThat(e.callbackTimedOutDetails().error().payload().errorMessage()).isEqualTo("Callback timed out on heartbeat");
        assertThatThrownBy(() -> client.sendDurableExecutionCallbackHeartbeat(b -> b.callbackId(callbackId2)))
                .isInstanceOf(CallbackTimeoutException.class);
        assertThatThrownBy(() -> client.sendDurableExecutionCallbackSuccess(b -> b.callbackId("not a callback")))
                .isInstanceOf(InvalidParameterValueException.class);
    }

    @Test
    void chainedInvokeOfAnOrdinaryFunction() {
        InvokeResponse r = invoke(client, "InvokerFunction:$LATEST",
                "{\"target\":\"EchoFunction\",\"payload\":{\"n\":7}}");
        assertThat(r.functionError()).isNull();
        JsonNode child = json(r.payload().asUtf8String());
        assertThat(child.get("input").get("n").asInt()).isEqualTo(7);
        List<Event> events = history(client, r.durableExecutionArn(), true);
        assertThat(eventTypes(events)).containsSubsequence("ChainedInvokeStarted", "ChainedInvokeSucceeded",
                "ExecutionSucceeded");
        Event started = first(events, "ChainedInvokeStarted");
        assertThat(started.chainedInvokeStartedDetails().functionName()).isEqualTo("EchoFunction");
        assertThat(started.chainedInvokeStartedDetails().input().payload()).isEqualTo("{\"n\":7}");
    }

    @Test
    void chainedInvokeOfADurableFunctionRunsAChildExecution() {
        InvokeResponse r = invoke(client, "InvokerFunction:$LATEST",
                "{\"target\":\"StepsFunction:$LATEST\",\"payload\":{\"steps\":3}}");
        assertThat(r.payload().asUtf8String()).isEqualTo("6");
        Event started = first(history(client, r.durableExecutionArn(), false), "ChainedInvokeStarted");
        String childArn = started.chainedInvokeStartedDetails().durableExecutionArn();
        assertThat(childArn).contains(":function:StepsFunction:$LATEST/durable-execution/");
        GetDurableExecutionResponse child = client.getDurableExecution(b -> b.durableExecutionArn(childArn));
        assertThat(child.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(child.result()).isEqualTo("6");
    }

    @Test
    void chainedInvokeFailuresEndTheOperation() {
        InvokeResponse unknown = invoke(client, "InvokerFunction:$LATEST", "{\"target\":\"Nope\",\"payload\":{}}");
        assertThat(json(unknown.payload().asUtf8String()).get("errorType").asText())
                .isEqualTo("ResourceNotFoundException");
        InvokeResponse unqualified = invoke(client, "InvokerFunction:$LATEST",
                "{\"target\":\"StepsFunction\",\"payload\":{}}");
        assertThat(json(unqualified.payload().asUtf8String()).get("errorType").asText())
                .isEqualTo("InvalidParameterValueException");
        InvokeResponse failing = invoke(client, "InvokerFunction:$LATEST",
                "{\"target\":\"EchoFunction\",\"payload\":{\"fail\":\"child broke\"}}");
        JsonNode error = json(failing.payload().asUtf8String());
        assertThat(error.get("errorMessage").asText()).isEqualTo("FAILED: child broke");
        assertThat(eventTypes(history(client, failing.durableExecutionArn(), false))).contains("ChainedInvokeFailed");
        InvokeResponse slow = invoke(client, "InvokerFunction:$LATEST",
                "{\"target\":\"SlowFunction\",\"payload\":{\"sleepMillis\":3000}}");
        assertThat(json(slow.payload().asUtf8String()).get("errorMessage").asText()).startsWith("TIMED_OUT");
    }

    @Test
    void listStopAndDescribe() throws Exception {
        String name = "list-" + UUID.randomUUID();
        String running = startAsync(client, "CallbackFunction:$LATEST", "{}", name);
        await("wait started", Duration.ofSeconds(20),
                () -> eventTypes(history(client, running, false)).contains("InvocationCompleted"));
        ListDurableExecutionsByFunctionResponse byName = client.listDurableExecutionsByFunction(b -> b
                .functionName("CallbackFunction").durableExecutionName(name));
        assertThat(byName.durableExecutions()).hasSize(1);
        assertThat(byName.durableExecutions().get(0).durableExecutionArn()).isEqualTo(running);
        assertThat(byName.durableExecutions().get(0).status()).isEqualTo(ExecutionStatus.RUNNING);

        Instant stopped = client.stopDurableExecution(b -> b.durableExecutionArn(running)
                .error(ErrorObject.builder().errorMessage("operator said so").build())).stopTimestamp();
        GetDurableExecutionResponse e = client.getDurableExecution(b -> b.durableExecutionArn(running));
        assertThat(e.status()).isEqualTo(ExecutionStatus.STOPPED);
        assertThat(e.endTimestamp()).isEqualTo(stopped);
        assertThat(e.error().errorMessage()).isEqualTo("operator said so");
        assertThat(eventTypes(history(client, running, false))).endsWith("ExecutionStopped");
        String callbackId = callbackIdOf(running);
        assertThatThrownBy(() -> client.sendDurableExecutionCallbackSuccess(b -> b.callbackId(callbackId)))
                .isInstanceOf(CallbackTimeoutException.class);
        assertThat(client.stopDurableExecution(b -> b.durableExecutionArn(running)).stopTimestamp()).isEqualTo(stopped);

        for (int i = 0; i < 3; i++) {
            invoke(client, "StepsFunction:$LATEST", "{\"steps\":1}");
        }
        ListDurableExecutionsByFunctionResponse succeeded = client.listDurableExecutionsByFunction(b -> b
                .functionName("StepsFunction").statusesWithStrings("SUCCEEDED").maxItems(2));
        assertThat(succeeded.durableExecutions()).hasSize(2);
        assertThat(succeeded.nextMarker()).isNotNull();
        long all = client.listDurableExecutionsByFunctionPaginator(b -> b.functionName("StepsFunction")
                .statusesWithStrings("SUCCEEDED").maxItems(2)).durableExecutions().stream().count();
        assertThat(all).isGreaterThanOrEqualTo(3);
        assertThat(client.listDurableExecutionsByFunction(b -> b.functionName("StepsFunction")
                .statusesWithStrings("STOPPED")).durableExecutions()).isEmpty();
        // (Time skipping moves the service clock ahead of real time: compare with the service's own timestamps.)
        Instant lastStart = client.listDurableExecutionsByFunction(b -> b.functionName("StepsFunction")
                .reverseOrder(true).maxItems(1)).durableExecutions().get(0).startTimestamp();
        assertThat(client.listDurableExecutionsByFunction(b -> b.functionName("StepsFunction")
                .startedAfter(lastStart)).durableExecutions()).isEmpty();
        assertThat(client.listDurableExecutionsByFunction(b -> b.functionName("StepsFunction")
                .startedBefore(Instant.EPOCH.plusSeconds(1))).durableExecutions()).isEmpty();

        assertThatThrownBy(() -> client.getDurableExecution(b -> b.durableExecutionArn(running + "x")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.getDurableExecution(b -> b.durableExecutionArn("not-an-arn")))
                .isInstanceOf(InvalidParameterValueException.class);
    }

    @Test
    void invocationsThatThrowAreRetriedThenTheExecutionFails() throws Exception {
        String arn = startAsync(client, "ThrowingFunction:$LATEST", "{}", null);
        GetDurableExecutionResponse e = awaitEnd(client, arn);
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error().errorMessage()).isEqualTo("boom");
        List<Event> events = history(client, arn, true);
        List<Event> invocations = events.stream().filter(x -> x.eventTypeAsString().equals("InvocationCompleted")).toList();
        assertThat(invocations).hasSize(3);
        assertThat(invocations.get(0).invocationCompletedDetails().error().payload().errorType())
                .isEqualTo("java.lang.IllegalStateException");
        JsonNode metrics = LocalApiClient.metrics(lambda.endpoint(), arn);
        assertThat(metrics.get("Invocations").asInt()).isEqualTo(3);
        assertThat(metrics.get("FailedInvocations").asInt()).isEqualTo(3);
    }

    @Test
    void executionTimeoutEndsTheExecutionTimedOut() throws Exception {
        String arn = startAsync(client, "ShortTimeoutFunction:$LATEST", "{\"seconds\":600}", null);
        GetDurableExecutionResponse e = awaitEnd(client, arn);
        // Time skipping ends the 600 s wait at once: the execution succeeds well within its 2 s timeout.
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void concurrentExecutionsEachGetTheirOwnResult() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                int base = i * 1000;
                results.add(pool.submit(() -> invoke(client, "StepsFunction:$LATEST",
                        "{\"steps\":6,\"base\":" + base + "}").payload().asUtf8String()));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(Long.toString(i * 1000L + 21));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void metricsCountCheckpointsUpdatesPayloadAndInvocations() throws Exception {
        InvokeResponse r = invoke(client, "StepsFunction:$LATEST", "{\"steps\":3}");
        JsonNode m = LocalApiClient.metrics(lambda.endpoint(), r.durableExecutionArn());
        assertThat(m.get("CheckpointCalls").asInt()).isEqualTo(3);
        assertThat(m.get("Updates").asInt()).isEqualTo(6);
        assertThat(m.get("OperationsStarted").asInt()).isEqualTo(3);
        assertThat(m.get("PayloadBytes").asInt()).isEqualTo(3); // "1", "3", "6"
        assertThat(m.get("Invocations").asInt()).isEqualTo(1);
        assertThat(m.get("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(m.get("JournalWrites").asInt()).isGreaterThanOrEqualTo(5);
    }
}
