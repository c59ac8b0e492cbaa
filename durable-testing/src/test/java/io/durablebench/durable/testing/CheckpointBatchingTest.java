package io.durablebench.durable.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.durable.DurableConfig;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.DurableFuture;
import io.durablebench.durable.DurableHandler;
import io.durablebench.durable.client.DurableExecutionClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.CheckpointDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionStateResponse;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;

/** Concurrent updates share checkpoint calls, within the count limit, one call at a time. */
class CheckpointBatchingTest {
    static final List<Integer> BATCH_SIZES = new CopyOnWriteArrayList<>();
    static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    static final AtomicInteger MOST_IN_FLIGHT = new AtomicInteger();

    /** Records what the runtime sends before passing it to the service. */
    static final class Recording implements DurableExecutionClient {
        private final DurableExecutionClient real;

        Recording(DurableExecutionClient real) {
            this.real = real;
        }

        @Override
        public CheckpointDurableExecutionResponse checkpoint(String arn, String token, List<OperationUpdate> updates) {
            MOST_IN_FLIGHT.accumulateAndGet(IN_FLIGHT.incrementAndGet(), Math::max);
            try {
                BATCH_SIZES.add(updates.size());
                return real.checkpoint(arn, token, updates);
            } finally {
                IN_FLIGHT.decrementAndGet();
            }
        }

        @Override
        public GetDurableExecutionStateResponse getExecutionState(String arn, String token, String marker) {
            return real.getExecutionState(arn, token, marker);
        }
    }

    static final class FanOut extends DurableHandler<Integer, Integer> {
        @Override
        public Integer handleRequest(Integer n, DurableContext ctx) {
            List<DurableFuture<Integer>> fs = IntStream.range(0, n).mapToObj(i -> ctx.stepAsync("s" + i, Integer.class,
                    step -> i)).toList();
            return fs.stream().mapToInt(DurableFuture::get).sum();
        }

        @Override
        protected DurableConfig createConfiguration() {
            return DurableConfig.builder().durableExecutionClient(
                    new Recording(DurableConfig.fromEnvironment(environment()).client())).maxUpdatesPerCheckpoint(50).build();
        }
    }

    @Test
    void threeHundredConcurrentStepsNeedFarFewerCallsThanUpdates() {
        try (var runner = LocalDurableTestRunner.create(FanOut::new, true)) {
            var r = runner.runUntilComplete("300");
            assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(r.result()).isEqualTo(Integer.toString(299 * 300 / 2));
        }
        int updates = BATCH_SIZES.stream().mapToInt(Integer::intValue).sum();
        assertThat(updates).as("a START and a SUCCEED per step").isEqualTo(600);
        assertThat(BATCH_SIZES).allSatisfy(size -> assertThat(size).isBetween(1, 50));
        assertThat(BATCH_SIZES.size()).as("calls").isLessThan(updates / 4);
        assertThat(MOST_IN_FLIGHT.get()).as("one call in flight at a time").isEqualTo(1);
    }
}
