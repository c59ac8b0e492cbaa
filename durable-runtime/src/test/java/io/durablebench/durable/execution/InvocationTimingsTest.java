package io.durablebench.durable.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.durablebench.durable.DurableConfig;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.InvocationTimings;
import io.durablebench.durable.TypeToken;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.OperationStatus;
import software.amazon.awssdk.services.lambda.model.OperationType;

/**
 * Where an invocation's time goes. The service and the steps sleep known minimum times, so each
 * figure has a lower bound it must reach, and the parts must fit inside the whole; no upper bound
 * on any duration is asserted (a slow machine only makes everything longer).
 */
class InvocationTimingsTest {
    static final long MS = 1_000_000;
    private final FakeDurableService service = new FakeDurableService("3");

    private DurableExecutor.Result invoke(BiFunction<Integer, DurableContext, String> handler) {
        return DurableExecutor.run(new ByteArrayInputStream(service.eventJson().getBytes(StandardCharsets.UTF_8)), null,
                DurableConfig.builder().durableExecutionClient(service).build(), TypeToken.of(Integer.class), handler);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aSequentialInvocationsPartsReachTheirMinimaAndFitInsideTheWhole() {
        service.latency(5);
        long began = System.nanoTime();
        DurableExecutor.Result r = invoke((n, ctx) -> {
            for (int i = 0; i < n; i++) {
                ctx.step("s" + i, Integer.class, () -> {
                    sleep(2);
                    return 1;
                });
            }
            return "done";
        });
        long wall = System.nanoTime() - began;
        assertThat(r.status()).isEqualTo("SUCCEEDED");
        InvocationTimings t = r.metrics().timings();
        int calls = service.calls().size();
        assertThat(t.checkpointCallNanos()).as("%d calls of at least 5 ms", calls).isGreaterThanOrEqualTo(calls * 5 * MS);
        assertThat(t.userCodeNanos()).as("three step bodies of at least 2 ms").isGreaterThanOrEqualTo(3 * 2 * MS);
        assertThat(t.handlerNanos()).as("the bodies run on the handler's thread").isGreaterThanOrEqualTo(t.userCodeNanos());
        assertThat(r.metrics().inOperationsNanos()).isBetween(t.userCodeNanos(), t.handlerNanos());
        assertThat(t.startupNanos()).isPositive();
        assertThat(t.startupNanos() + t.handlerNanos() + t.finishNanos()).isLessThanOrEqualTo(wall);
        assertThat(t.checkpointCallNanos()).isLessThanOrEqualTo(wall);
        assertThat(t.replayNanos()).as("nothing to replay in a first invocation").isZero();
        assertThat(t.stateCallNanos()).isZero();
        assertThat(t.sdkHttpNanos() + t.sdkMarshallingNanos() + t.sdkSigningNanos() + t.sdkUnmarshallingNanos())
                .as("the in-memory service is no AWS SDK client").isZero();
        assertThat(t.queuedBehindCallNanos()).isNotNegative();
        assertThat(t.batchingWaitNanos()).isNotNegative();
        assertThat(t.handOffNanos()).isPositive();
    }

    @Test
    void replayIsTheTimeUntilTheFirstOperationNotInTheLog() {
        BiFunction<Integer, DurableContext, String> handler = (n, ctx) -> {
            ctx.step("a", Integer.class, () -> 1);
            ctx.step("b", Integer.class, () -> 2);
            ctx.wait("w", Duration.ofSeconds(1));
            ctx.step("c", Integer.class, () -> {
                sleep(20);
                return 3;
            });
            return "done";
        };
        assertThat(invoke(handler).status()).isEqualTo("PENDING");
        String waitId = service.calls().stream().flatMap(c -> c.updates().stream())
                .filter(u -> u.type() == OperationType.WAIT).findFirst().orElseThrow().id();
        service.changeOutside(service.operation(waitId).toBuilder().status(OperationStatus.SUCCEEDED).build());
        DurableExecutor.Result second = invoke(handler);
        assertThat(second.status()).isEqualTo("SUCCEEDED");
        assertThat(second.metrics().replayedOperations()).isEqualTo(3);
        InvocationTimings t = second.metrics().timings();
        assertThat(t.replayNanos()).isPositive();
        assertThat(t.handlerNanos() - t.replayNanos()).as("step c's 20 ms come after replay").isGreaterThanOrEqualTo(20 * MS);
    }

    @Test
    void theMetricsLineCarriesEveryTimingInMilliseconds() throws Exception {
        DurableExecutor.Result r = invoke((n, ctx) -> ctx.step("s", String.class, () -> "x"));
        var line = new ObjectMapper().readTree(InvocationMetricsLine.line("fn", "req-1", r, 12.5));
        InvocationTimings t = r.metrics().timings();
        assertThat(line.get("checkpointCallMs").asDouble()).isEqualTo(Math.round(t.checkpointCallNanos() / 1e3) / 1000.0);
        assertThat(line.get("handlerMs").asDouble()).isEqualTo(Math.round(t.handlerNanos() / 1e3) / 1000.0);
        for (String field : new String[] {"startupMs", "handlerMs", "finishMs", "replayMs", "userCodeMs",
                "checkpointCallMs", "sdkMarshallingMs", "sdkSigningMs", "sdkHttpMs", "sdkUnmarshallingMs", "stateCallMs",
                "queuedBehindCallMs", "batchingWaitMs", "handOffMs", "inOperationsMs"}) {
            assertThat(line.has(field)).as(field).isTrue();
        }
    }
}
