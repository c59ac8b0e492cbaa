package io.durablebench.durable.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.durable.DurableFuture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;

/**
 * The runtime against the local Lambda's per-execution operation limit (Lambda's 3,000): a workflow
 * of 3,000 steps completes, one of 3,001 is refused by the service at the step past the limit and
 * the execution ends FAILED naming the limit (a client error the runtime does not retry). Concurrent
 * steps, so that each checkpoint carries many of them.
 */
class ExecutionLimitsTest {
    private static LocalDurableTestRunner.TestResult steps(int n) {
        try (var runner = LocalDurableTestRunner.create(Integer.class, (Integer count, io.durablebench.durable.DurableContext ctx) -> {
            List<DurableFuture<Integer>> all = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int k = i;
                all.add(ctx.stepAsync("s" + i, Integer.class, step -> k));
            }
            DurableFuture.allOf(all);
            return count;
        })) {
            return runner.runUntilComplete(Integer.toString(n));
        }
    }

    @Test
    void threeThousandStepsFit() {
        LocalDurableTestRunner.TestResult r = steps(3_000);
        assertThat(r.status()).as(r.errorMessage()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(r.result()).isEqualTo("3000");
    }

    @Test
    void theStepPastThreeThousandFailsTheExecutionNamingTheLimit() {
        LocalDurableTestRunner.TestResult r = steps(3_001);
        assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(r.errorMessage()).contains("InvalidParameterValueException (HTTP 400)")
                .contains("maximum number of operations: 3000 allowed");
    }
}
