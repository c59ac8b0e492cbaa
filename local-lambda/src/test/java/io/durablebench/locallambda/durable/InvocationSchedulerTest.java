package io.durablebench.locallambda.durable;

import static io.durablebench.locallambda.durable.ServiceFixture.pending;
import static io.durablebench.locallambda.durable.ServiceFixture.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.locallambda.durable.model.ExecutionStatus;
import io.durablebench.locallambda.function.FunctionTarget;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One invocation at a time per execution, the invocation event, and how each outcome settles. */
class InvocationSchedulerTest {
    @RegisterExtension
    final ServiceFixture f = new ServiceFixture();

    @Test
    void theEventCarriesTheArnAFreshTokenAndTheExecutionOperationWithTheInput() throws Exception {
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        FunctionTarget fn = f.durable("echo", inv -> {
            events.add(inv.event);
            return succeeded(inv.input());
        });
        String arn = f.service.start(fn, "e1", "{\"a\":1}").arn();
        ExecutionHeader h = f.awaitClosed(arn);
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.result()).isEqualTo("{\"a\":1}");
        JsonNode e = events.get(0);
        assertThat(e.get("DurableExecutionArn").asText()).isEqualTo(arn);
        assertThat(e.get("CheckpointToken").asText()).isNotBlank();
        JsonNode op = e.get("InitialExecutionState").get("Operations").get(0);
        assertThat(op.get("Type").asText()).isEqualTo("EXECUTION");
        assertThat(arn).endsWith("/" + op.get("Id").asText());
        assertThat(e.get("InitialExecutionState").get("NextMarker").isNull()).isTrue();
        assertThat(f.eventTypes(arn)).containsExactly("ExecutionStarted", "InvocationCompleted",
                "ExecutionSucceeded");
    }

    @Test
    void aThrowingHandlerIsInvokedAgainAfterTheBackOffUntilTheAttemptsRunOut() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ExecutionHeader h = f.runToEnd("thrower", inv -> {
            calls.incrementAndGet();
            throw new IllegalStateException("boom " + calls.get());
        });
        String arn = h.arn();
        assertThat(calls.get()).isEqualTo(ServiceFixture.FAST.maxInvocationAttempts());
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.error().errorMessage()).isEqualTo("boom 3");
        assertThat(f.execution(arn).metrics.failedInvocations).isEqualTo(3);
        assertThat(f.eventTypes(arn)).containsExactly("ExecutionStarted", "InvocationCompleted",
                "InvocationCompleted", "InvocationCompleted", "ExecutionFailed");
    }

    @Test
    void aFailureThenASuccessResetsTheFailureCount() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ExecutionHeader h = f.runToEnd("flaky", inv -> {
            if (calls.incrementAndGet() % 3 != 0) {
                throw new IllegalStateException("attempt " + calls.get());
            }
            return succeeded("\"ok\"");
        });
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void pendingWithNothingPendingIsAnInvalidOutputAndFailsTheExecutionAfterTheBudget() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ExecutionHeader h = f.runToEnd("idle", inv -> {
            calls.incrementAndGet();
            return pending();
        });
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.error().errorMessage()).isEqualTo("Cannot return PENDING status with no pending operations.");
        assertThat(calls.get()).isEqualTo(ServiceFixture.FAST.maxInvalidPendingAttempts());
    }

    @Test
    void anOutputThatIsNotADocumentFailsTheExecutionAtOnce() throws Exception {
        ExecutionHeader h = f.runToEnd("garbled", inv -> "{\"Status\":\"SUCCEEDED\",\"Error\":{\"ErrorMessage\":\"x\"}}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.error().errorType()).isEqualTo("InvalidParameterValueException");
        assertThat(h.error().errorMessage()).isEqualTo("Cannot provide an Error for SUCCEEDED status.");
    }

    @Test
    void aThrottledInvocationIsTriedAgainLaterWithoutCountingAsAFailure() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch firstInside = new java.util.concurrent.CountDownLatch(1);
        FunctionTarget fn = f.durable("single", java.util.Map.of("ReservedConcurrentExecutions", 1), inv -> {
            if (inv.input().contains("first")) {
                firstInside.countDown();
                release.await();
            }
            return succeeded(inv.input());
        });
        String first = f.service.start(fn, null, "\"first\"").arn();
        assertThat(firstInside.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String second = f.service.start(fn, null, "\"second\"").arn();
        // the second execution's invocations are throttled while the first holds the only slot
        ServiceFixture.await("a throttled attempt", () -> f.host.functions().get("single").running() == 1
                && f.armed(second, "reinvoke"));
        release.countDown();
        assertThat(f.awaitClosed(first).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        ExecutionHeader h = f.awaitClosed(second);
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.result()).isEqualTo("\"second\"");
        assertThat(f.execution(second).metrics.failedInvocations).isZero();
        assertThat(f.execution(second).metrics.invocations).isEqualTo(1);
        assertThat(f.eventTypes(second)).containsExactly("ExecutionStarted", "InvocationCompleted",
                "ExecutionSucceeded");
    }

    @Test
    void theEventPagesAStateLargerThanItsFirstPage() throws Exception {
        DurableService.Options small = new DurableService.Options(3, 3, java.time.Duration.ofMillis(50), 2,
                5 * 1024 * 1024);
        try (ServiceFixture f = new ServiceFixture(new io.durablebench.locallambda.store.MemoryJournal(), true, small)) {
            List<JsonNode> events = new CopyOnWriteArrayList<>();
            ExecutionHeader h = f.runToEnd("pager", inv -> {
                events.add(inv.event);
                if (events.size() == 1) {
                    inv.checkpoint(ServiceFixture.stepSucceed("s1", "1"), ServiceFixture.stepSucceed("s2", "2"));
                    throw new IllegalStateException("replay me");
                }
                return succeeded("\"done\"");
            });
            assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            JsonNode second = events.get(1).get("InitialExecutionState");
            assertThat(second.get("Operations")).hasSize(2);
            assertThat(second.get("NextMarker").asText()).isNotBlank();
        }
    }
}
