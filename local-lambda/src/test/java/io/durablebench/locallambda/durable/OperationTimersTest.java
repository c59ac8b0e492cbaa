package io.durablebench.locallambda.durable;

import static io.durablebench.locallambda.durable.ServiceFixture.pending;
import static io.durablebench.locallambda.durable.ServiceFixture.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.locallambda.durable.model.ExecutionStatus;
import io.durablebench.locallambda.durable.model.OperationStatus;
import io.durablebench.locallambda.function.FunctionTarget;
import io.durablebench.locallambda.store.MemoryJournal;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Waits, callback timeouts and the execution timeout move a suspended execution on. */
class OperationTimersTest {
    @RegisterExtension
    final ServiceFixture f = new ServiceFixture();

    @Test
    void aWaitEndsAtItsScheduledTimeAndWakesTheSuspendedExecution() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FunctionTarget fn = f.durable("sleeper", inv -> {
            if (calls.incrementAndGet() == 1) {
                inv.checkpoint(ServiceFixture.waitStart("w1", 3600));
                return pending();
            }
            return succeeded("\"woke\"");
        });
        String arn = f.service.start(fn, null, null).arn();
        assertThat(f.awaitClosed(arn).result()).isEqualTo("\"woke\"");
        assertThat(f.execution(arn).op("w1").status()).isEqualTo(OperationStatus.SUCCEEDED);
        // the wait may end before or after the first invocation returns PENDING (time skipping fires it at once)
        assertThat(f.eventTypes(arn)).containsExactlyInAnyOrder("ExecutionStarted", "WaitStarted", "WaitSucceeded",
                "InvocationCompleted", "InvocationCompleted", "ExecutionSucceeded");
        assertThat(f.eventTypes(arn)).containsSubsequence("WaitStarted", "WaitSucceeded", "ExecutionSucceeded");
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void aCallbackWithoutAHeartbeatTimesOutInRealTime() throws Exception {
        try (ServiceFixture f = new ServiceFixture(new MemoryJournal(), false, ServiceFixture.FAST)) {
            AtomicInteger calls = new AtomicInteger();
            FunctionTarget fn = f.durable("silent", inv -> {
                if (calls.incrementAndGet() == 1) {
                    inv.checkpoint(ServiceFixture.callbackStart("cb", 60, 1));
                    return pending();
                }
                return succeeded("\"after-timeout\"");
            });
            String arn = f.service.start(fn, null, null).arn();
            assertThat(f.awaitClosed(arn).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            var cb = f.execution(arn).op("cb");
            assertThat(cb.status()).isEqualTo(OperationStatus.TIMED_OUT);
            assertThat(cb.error().errorType()).isEqualTo("Callback.Heartbeat");
            assertThat(f.execution(arn).timers).isEmpty();
        }
    }

    @Test
    void theExecutionTimesOutAfterItsExecutionTimeout() throws Exception {
        FunctionTarget fn = f.durable("forever", inv -> {
            inv.checkpoint(ServiceFixture.callbackStart("cb", null, null));
            return pending();
        });
        String arn = f.service.start(fn, null, null).arn();
        DurableExecution exec = f.execution(arn);
        ServiceFixture.await("the callback", () -> exec.headerLocked() != null && exec.op("cb") != null);
        // re-arm the execution's deadline as if it had started long ago (recovery re-arms the same way)
        exec.lock.lock();
        try {
            exec.header = new ExecutionHeader(exec.header.arn(), exec.header.functionName(), exec.header.version(),
                    exec.header.executionName(), exec.header.executionId(),
                    exec.header.startTimestamp().minusSeconds(600), null, ExecutionStatus.RUNNING, null, null, 300,
                    null, null, false, 0);
            f.service.operationTimers().armExecutionTimeout(exec);
        } finally {
            exec.lock.unlock();
        }
        ExecutionHeader h = f.awaitClosed(arn);
        assertThat(h.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(h.error().errorMessage()).isEqualTo("Execution timed out after 300 seconds.");
    }
}
