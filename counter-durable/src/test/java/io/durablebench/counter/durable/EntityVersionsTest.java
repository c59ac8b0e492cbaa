package io.durablebench.counter.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.locallambda.LocalLambda;
import io.durablebench.locallambda.function.FunctionCode;
import io.durablebench.model.counter.CounterOperation;
import io.durablebench.model.json.StrictJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Execution;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;

/**
 * A deploy while entity executions wait on their inbox: version 2 of the entity (with a new step
 * before the inbox) is published and {@code live} moved to it. The execution that started on
 * version 1 goes on processing messages on version 1's code until its generation ends, and its
 * successor starts on {@code live}, version 2; a new counter starts on version 2; an execution
 * started through {@code $LATEST}, whose code changed under it, ends FAILED with the runtime's
 * non-determinism error instead of applying the message with the wrong code. Generations of 2
 * messages here.
 */
class EntityVersionsTest {
    static final String FUNCTION = "CounterEntityFunction";

    private static List<String> stepNames(LambdaClient client, String arn) {
        List<String> names = new java.util.ArrayList<>();
        client.getDurableExecutionHistoryPaginator(r -> r.durableExecutionArn(arn)).events().forEach(e -> {
            if (e.eventTypeAsString().equals("StepSucceeded")) {
                names.add(e.name());
            }
        });
        return names;
    }

    private static String arnOf(LambdaClient client, String counterId) {
        List<Execution> found = client.listDurableExecutionsByFunction(r -> r.functionName(FUNCTION)
                .durableExecutionName(EntityState.executionName(counterId, 1))).durableExecutions();
        assertThat(found).hasSize(1);
        return found.get(0).durableExecutionArn();
    }

    @Test
    void suspendedEntitiesFinishOnTheirVersionNewOnesRunTheNewOneAndLatestFailsAsNonDeterministic()
            throws Exception {
        try (LocalLambda lambda = LocalLambdaSupport.start(Map.of("MESSAGES_PER_GENERATION", "2"));
             LambdaClient client = LocalLambdaSupport.client(lambda.endpoint())) {
            CounterEntityClient viaLive = new CounterEntityClient(client, FUNCTION + ":live", Duration.ofSeconds(60));
            CounterEntityClient viaLatest = new CounterEntityClient(client, FUNCTION + ":$LATEST", Duration.ofSeconds(60));
            // version 1: two entities, each has applied one message and now waits on its next inbox
            assertThat(viaLive.send("on-v1", CounterOperation.increment("a", 5)).value()).isEqualTo(5);
            assertThat(viaLatest.send("on-latest", CounterOperation.increment("a", 5)).value()).isEqualTo(5);
            String onV1 = arnOf(client, "on-v1");
            String onLatest = arnOf(client, "on-latest");
            assertThat(onV1).contains(":function:" + FUNCTION + ":1/durable-execution/");
            assertThat(onLatest).contains(":function:" + FUNCTION + ":$LATEST/durable-execution/");

            Map<String, String> env = lambda.baseEnvironment(FUNCTION);
            String v2 = lambda.deploy(FUNCTION, FunctionCode.handlers("entity-audited",
                    () -> AuditedCounterEntityHandler.in(env))).number();
            assertThat(v2).isEqualTo("2");

            // the execution pinned to version 1 applies its next message with version 1's code and ends its
            // generation; the next generation starts on live, version 2, with the value and the marks
            assertThat(viaLive.send("on-v1", CounterOperation.increment("b", 3)).value()).isEqualTo(8);
            CounterEntityClient.Delivery third = viaLive.deliver("on-v1", CounterOperation.increment("c", 1));
            assertThat(third.result().value()).isEqualTo(9);
            assertThat(third.generation()).isEqualTo(2);
            assertThat(awaitEnd(client, onV1).statusAsString()).isEqualTo("SUCCEEDED");
            assertThat(stepNames(client, onV1)).as("generation 1 ran version 1's code to its end")
                    .containsExactly("apply-1", "apply-2", "start-generation-2");
            String generation2 = client.listDurableExecutionsByFunction(r -> r.functionName(FUNCTION)
                    .durableExecutionName(EntityState.executionName("on-v1", 2))).durableExecutions().get(0)
                    .durableExecutionArn();
            assertThat(generation2).contains(":function:" + FUNCTION + ":2/durable-execution/");
            assertThat(stepNames(client, generation2)).containsExactly(AuditedCounterEntityHandler.AUDIT_STEP, "apply-1");

            // a new counter starts on live, now version 2
            assertThat(viaLive.send("on-v2", CounterOperation.increment("a", 7)).value()).isEqualTo(7);
            String onV2 = arnOf(client, "on-v2");
            assertThat(onV2).contains(":function:" + FUNCTION + ":2/durable-execution/");
            assertThat(stepNames(client, onV2)).containsExactly(AuditedCounterEntityHandler.AUDIT_STEP, "apply-1");

            // $LATEST changed under a running execution: its next invocation replays version 1's log on
            // version 2's code, and the runtime refuses that
            EntityHistory.Slot slot = new EntityHistory(client).openSlot(onLatest);
            assertThat(slot.number()).isEqualTo(2);
            String message = StrictJson.write(EntityMessage.of(viaLatest.sender(), 2, CounterOperation.increment("b", 3)));
            client.sendDurableExecutionCallbackSuccess(r -> r.callbackId(slot.callbackId())
                    .result(SdkBytes.fromUtf8String(message)));
            GetDurableExecutionResponse failed = awaitEnd(client, onLatest);
            assertThat(failed.statusAsString()).isEqualTo("FAILED");
            assertThat(failed.error().errorType()).endsWith("NonDeterministicExecutionException");
            assertThat(failed.error().errorMessage()).contains(AuditedCounterEntityHandler.AUDIT_STEP);
            assertThat(stepNames(client, onLatest)).as("the message was not applied").containsExactly("apply-1");
        }
    }

    private static GetDurableExecutionResponse awaitEnd(LambdaClient client, String arn) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            GetDurableExecutionResponse e = client.getDurableExecution(b -> b.durableExecutionArn(arn));
            if (!e.statusAsString().equals("RUNNING")) {
                return e;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(arn + " did not end within 60 s");
    }
}
