package io.durablebench.durable.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.durable.DurableConfig;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.DurableHandler;
import io.durablebench.durable.client.DurableExecutionClient;
import io.durablebench.durable.exception.CheckpointException;
import io.durablebench.durable.exception.NonDeterministicExecutionException;
import io.durablebench.durable.exception.PayloadTooLargeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.CheckpointDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionStateResponse;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;

/** Each failure kind gives a clear, specific error. */
class RuntimeErrorsTest extends RealTimeDexTest {
    @Test
    void aHandlerChangedBetweenInvocationsFailsTheExecutionNamingTheOperation() {
        AtomicInteger invocation = new AtomicInteger();
        h.register("drifting", (String in, DurableContext ctx) -> {
            boolean second = invocation.incrementAndGet() > 1;
            if (!second) {
                ctx.step("charge-card", String.class, () -> "charged");
            } else {
                // a deployment changed the code while the execution waited
                ctx.step("send-email", String.class, () -> "sent");
            }
            ctx.wait("cool-off", Duration.ofSeconds(1));
            return "done";
        });
        GetDurableExecutionResponse e = h.run("drifting", null);
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error().errorType()).isEqualTo(NonDeterministicExecutionException.class.getName());
        assertThat(e.error().errorMessage()).contains("\"charge-card\"").contains("\"send-email\"")
                .contains("same durable calls in the same order");
    }

    @Test
    void aStepResultOverTheOperationLimitIsAClearErrorNotARetryLoop() {
        AtomicInteger runs = new AtomicInteger();
        h.register("too-big", (String in, DurableContext ctx) ->
                ctx.step("report", String.class, () -> {
                    runs.incrementAndGet();
                    return "y".repeat(300 * 1024);
                }));
        GetDurableExecutionResponse e = h.run("too-big", null);
        assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(e.error().errorType()).isEqualTo(PayloadTooLargeException.class.getName());
        assertThat(e.error().errorMessage()).contains("262144").contains("\"report\"");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aStaleCheckpointTokenIsReportedAsSuchAndTheInvocationIsRetried() {
        List<Throwable> thrown = new CopyOnWriteArrayList<>();
        Map<String, String> env = h.environment();
        h.registerRaw("stale", () -> {
            DurableHandler<String, String> handler = new DurableHandler<>() {
                @Override
                public String handleRequest(String input, DurableContext ctx) {
                    ctx.step("one", String.class, () -> "1");
                    ctx.step("two", String.class, () -> "2");
                    return "unreachable";
                }

                @Override
                protected DurableConfig createConfiguration() {
                    DurableExecutionClient real = DurableConfig.fromEnvironment(env).client();
                    return DurableConfig.builder().durableExecutionClient(new ReusesFirstToken(real)).build();
                }
            };
            handler.useEnvironment(env);
            return (in, out, context) -> {
                try {
                    handler.handleRequest(in, out, context);
                } catch (RuntimeException e) {
                    thrown.add(e);
                    throw e;
                }
            };
        });
        String arn = h.dex.startExecution("stale", null);
        long deadline = System.currentTimeMillis() + 30_000;
        while (thrown.isEmpty() && System.currentTimeMillis() < deadline) {
            RuntimeOperationsTest.sleep(50);
        }
        h.dex.lambda().stopDurableExecution(r -> r.durableExecutionArn(arn));
        assertThat(thrown).isNotEmpty();
        assertThat(thrown.get(0)).isInstanceOfSatisfying(CheckpointException.class, c -> {
            assertThat(c.isRetryable()).isTrue();
            assertThat(c.getMessage()).containsIgnoringCase("stale").containsIgnoringCase("Invalid Checkpoint Token");
        });
    }

    /** A broken client: sends its second checkpoint with the first (already used) token. */
    static final class ReusesFirstToken implements DurableExecutionClient {
        private final DurableExecutionClient real;
        private final AtomicReference<String> first = new AtomicReference<>();

        ReusesFirstToken(DurableExecutionClient real) {
            this.real = real;
        }

        @Override
        public CheckpointDurableExecutionResponse checkpoint(String arn, String token, List<OperationUpdate> updates) {
            first.compareAndSet(null, token);
            return real.checkpoint(arn, first.get(), updates);
        }

        @Override
        public GetDurableExecutionStateResponse getExecutionState(String arn, String token, String marker) {
            return real.getExecutionState(arn, token, marker);
        }
    }
}
