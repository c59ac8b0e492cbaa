package io.durablebench.locallambda.durable;

import static io.durablebench.locallambda.durable.ServiceFixture.pending;
import static io.durablebench.locallambda.durable.ServiceFixture.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.locallambda.durable.model.ExecutionStatus;
import io.durablebench.locallambda.durable.model.OperationStatus;
import io.durablebench.locallambda.store.FileJournal;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second service on the same journal: closed executions as they were, the journal compacted to
 * one record per execution, an invocation cut short invoked again, a suspended wait re-armed.
 */
class RecoveryTest {
    @TempDir
    Path dir;

    @Test
    void rebuildsCompactsAndResumesWhatWasPending() throws Exception {
        String done;
        String cut;
        String sleeping;
        CountDownLatch inside = new CountDownLatch(1);
        try (ServiceFixture first = new ServiceFixture(FileJournal.open(dir), false, ServiceFixture.FAST)) {
            done = first.service.start(first.durable("done", inv -> {
                inv.checkpoint(ServiceFixture.stepSucceed("a", "1"));
                return succeeded("\"finished\"");
            }), "done-1", null).arn();
            first.awaitClosed(done);
            cut = first.service.start(first.durable("cut", inv -> {
                inv.checkpoint(ServiceFixture.stepSucceed("s1", "1"));
                inside.countDown();
                Thread.sleep(60_000); // the service goes away mid-invocation
                return succeeded("\"never\"");
            }), "cut-1", null).arn();
            sleeping = first.service.start(first.durable("sleeping", inv -> {
                inv.checkpoint(ServiceFixture.waitStart("w", 1));
                return pending();
            }), "sleeping-1", null).arn();
            assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
            // suspended: the invocation's end (PENDING, waiting for w) is durable
            ServiceFixture.await("the suspension to be stored",
                    () -> first.eventTypes(sleeping).contains("InvocationCompleted"));
        }
        try (ServiceFixture second = new ServiceFixture(FileJournal.open(dir), false, ServiceFixture.FAST)) {
            second.durable("done", inv -> succeeded("\"again\""));
            second.durable("cut", inv -> succeeded(
                    "\"resumed with " + inv.event.get("InitialExecutionState").get("Operations").size() + " ops\""));
            second.durable("sleeping", inv -> succeeded("\"woke\""));
            int records = second.journal.recovered().size();
            second.service.recover();
            assertThat(records).isGreaterThan(3);
            ExecutionHeader d = second.service.header(done);
            assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(d.result()).isEqualTo("\"finished\"");
            assertThat(second.awaitClosed(cut).result()).isEqualTo("\"resumed with 2 ops\"");
            assertThat(second.awaitClosed(sleeping).result()).isEqualTo("\"woke\"");
            assertThat(second.execution(sleeping).op("w").status()).isEqualTo(OperationStatus.SUCCEEDED);
            // the name index is rebuilt: the same name and input find the closed execution
            DurableService.Started again = second.service.start(second.host.resolve("done", "$LATEST"), "done-1", null);
            assertThat(again.created()).isFalse();
            assertThat(again.arn()).isEqualTo(done);
        }
        try (FileJournal compacted = FileJournal.open(dir)) {
            // one compacted record per execution, then the records of the changes made after the restart
            long compactedRecords = compacted.recovered().stream()
                    .filter(b -> ExecutionCodec.decode(b).compacted()).count();
            assertThat(compactedRecords).isEqualTo(3);
        }
    }
}
