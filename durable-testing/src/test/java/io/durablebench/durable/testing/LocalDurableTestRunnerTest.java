package io.durablebench.durable.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.durable.config.RetryStrategies;
import io.durablebench.durable.config.StepConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;

/** The in-process test runner: time skipping, retries, callback completion. */
class LocalDurableTestRunnerTest {

    @Test
    void anHourOfWaitingAndRetryDelaysPassesAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        try (var runner = LocalDurableTestRunner.create(String.class, (in, ctx) -> {
            ctx.wait("an hour", Duration.ofHours(1));
            return ctx.step("flaky", String.class, step -> {
                if (attempts.incrementAndGet() < 3) {
                    throw new IllegalStateException("not yet");
                }
                return in + " after " + step.getAttempt() + " attempts";
            }, StepConfig.builder().retryStrategy(RetryStrategies.fixedDelay(5, Duration.ofMinutes(10))).build());
        })) {
            long started = System.nanoTime();
            var r = runner.runUntilComplete("\"done\"");
            assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(r.result()).isEqualTo("\"done after 3 attempts\"");
            assertThat(r.eventsOf("flaky").stream().filter(e -> e.eventType() == EventType.STEP_FAILED)).hasSize(2);
            assertThat(r.invocations()).isEqualTo(4);
            assertThat((System.nanoTime() - started) / 1e9).as("skipped, not waited").isLessThan(60);
        }
    }

    @Test
    void aTestCompletesACallbackByName() {
        try (var runner = LocalDurableTestRunner.create(String.class, (in, ctx) ->
                "approved by " + ctx.createCallback("approval", String.class).get())) {
            String arn = runner.start("\"x\"");
            runner.completeCallback(runner.callbackId(arn, "approval", Duration.ofSeconds(30)), "\"carol\"");
            var r = runner.await(arn, Duration.ofSeconds(30));
            assertThat(r.result()).isEqualTo("\"approved by carol\"");
        }
    }
}
