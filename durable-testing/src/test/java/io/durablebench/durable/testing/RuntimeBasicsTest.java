package io.durablebench.durable.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.durable.config.RetryStrategies;
import io.durablebench.durable.config.StepConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;

/** The runtime's basic operations against AWS's emulator. */
class RuntimeBasicsTest extends RealTimeDexTest {
    @Test
    void aStepRunsOnceAndItsResultIsTheExecutionResult() {
        AtomicInteger runs = new AtomicInteger();
        h.register("greet", (String in, io.durablebench.durable.DurableContext ctx) ->
                ctx.step("greet", String.class, () -> {
                    runs.incrementAndGet();
                    return "Hello, " + in + "!";
                }));
        GetDurableExecutionResponse e = h.succeededWith("greet", "\"World\"", "\"Hello, World!\"");
        assertThat(runs).hasValue(1);
        List<EventType> types = h.dex.history(e.durableExecutionArn()).stream().map(Event::eventType).toList();
        assertThat(types).containsSubsequence(EventType.STEP_STARTED, EventType.STEP_SUCCEEDED, EventType.INVOCATION_COMPLETED);
    }

    @Test
    void aWaitSuspendsAndTheStepBeforeItIsNotRunAgain() {
        AtomicInteger runs = new AtomicInteger();
        h.register("step-wait", (String in, io.durablebench.durable.DurableContext ctx) -> {
            String v = ctx.step("compute", String.class, () -> "computed-" + runs.incrementAndGet());
            ctx.wait("pause", Duration.ofSeconds(1));
            return v;
        });
        GetDurableExecutionResponse e = h.succeededWith("step-wait", null, "\"computed-1\"");
        assertThat(runs).hasValue(1);
        assertThat(h.invocations(e)).isEqualTo(2);
    }

    @Test
    void aFailingStepIsRetriedByTheServiceAndThenSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        h.register("flaky", (String in, io.durablebench.durable.DurableContext ctx) ->
                ctx.step("flaky", String.class, step -> {
                    if (attempts.incrementAndGet() < 2) {
                        throw new IllegalStateException("transient");
                    }
                    return "ok after " + step.getAttempt();
                }, StepConfig.builder().retryStrategy(RetryStrategies.fixedDelay(3, Duration.ofSeconds(1))).build()));
        GetDurableExecutionResponse e = h.succeededWith("flaky", null, "\"ok after 2\"");
        List<Event> history = h.dex.history(e.durableExecutionArn());
        Event failed = history.stream().filter(ev -> ev.eventType() == EventType.STEP_FAILED).findFirst().orElseThrow();
        assertThat(failed.stepFailedDetails().retryDetails().currentAttempt()).isEqualTo(1);
        assertThat(failed.stepFailedDetails().retryDetails().nextAttemptDelaySeconds()).isEqualTo(1);
    }

    @Test
    void aStepThatGivesUpFailsTheExecutionWithTheUsersErrorType() {
        h.register("doomed", (String in, io.durablebench.durable.DurableContext ctx) ->
                ctx.step("doomed", String.class, step -> {
                    throw new UnsupportedOperationException("never works");
                }, StepConfig.builder().retryStrategy(RetryStrategies.Presets.NO_RETRY).build()));
        GetDurableExecutionResponse e = h.run("doomed", null);
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error().errorType()).isEqualTo(UnsupportedOperationException.class.getName());
        assertThat(e.error().errorMessage()).contains("never works");
    }
}
