package io.durablebench.locallambda.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durablebench.locallambda.durable.model.ExecutionStatus;
import io.durablebench.locallambda.durable.model.Operation;
import io.durablebench.locallambda.durable.model.OperationStatus;
import io.durablebench.locallambda.durable.model.OperationType;
import io.durablebench.locallambda.error.LambdaApiException;
import io.durablebench.locallambda.store.FileJournal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write before apply, on a real file journal; effects only after the write, closing first. */
class ExecutionCommitterTest {
    @TempDir
    Path dir;

    private static DurableExecution execution() {
        return new DurableExecution(new ExecutionHeader("arn:aws:lambda:us-east-1:000000000000:function:f:$LATEST"
                + "/durable-execution/n/id-1", "f", "$LATEST", "n", "id-1", Instant.ofEpochMilli(1000), null,
                ExecutionStatus.RUNNING, null, null, 60, null, null, true, 0));
    }

    private static ExecutionTx startStep(DurableExecution exec, String id) {
        ExecutionTx tx = new ExecutionTx(exec);
        tx.put(Operation.builder(id, OperationType.STEP).name(id).status(OperationStatus.STARTED)
                .startTimestamp(Instant.ofEpochMilli(2000)).build());
        return tx;
    }

    @Test
    void writesTheRecordThenAppliesItAndCountsTheWrite() {
        try (FileJournal journal = FileJournal.open(dir)) {
            ExecutionCommitter committer = new ExecutionCommitter(journal);
            DurableExecution exec = execution();
            committer.write(exec, startStep(exec, "s1"));
            assertThat(exec.op("s1")).isNotNull();
            assertThat(exec.metrics.journalWrites).isEqualTo(1);
            assertThat(journal.stats().appends()).isEqualTo(1);
            assertThat(exec.metrics.journalBytes).isEqualTo(journal.stats().bytes() - 8 * journal.stats().appends());
        }
        // what was written is what a restart reads back
        try (FileJournal reopened = FileJournal.open(dir)) {
            assertThat(reopened.recovered()).hasSize(1);
            ExecutionCodec.Record r = ExecutionCodec.decode(reopened.recovered().get(0));
            assertThat(r.ops()).extracting(Operation::id).containsExactly("s1");
        }
    }

    @Test
    void aFailedWriteAppliesNothingAndLeavesTheCountersAsTheyWere() {
        FileJournal journal = FileJournal.open(dir);
        journal.close();
        ExecutionCommitter committer = new ExecutionCommitter(journal);
        List<String> heard = new ArrayList<>();
        committer.addListener((e, tx) -> heard.add("effects"));
        DurableExecution exec = execution();
        assertThatThrownBy(() -> committer.commit(exec, startStep(exec, "s1")))
                .isInstanceOf(LambdaApiException.class).hasMessageContaining("could not store the change");
        assertThat(exec.op("s1")).isNull();
        assertThat(exec.metrics.journalWrites).isZero();
        assertThat(exec.metrics.journalBytes).isZero();
        assertThat(heard).isEmpty();
    }

    @Test
    void aClosingChangeCancelsTimersAndReleasesWaitersBeforeTheListenersRun() throws Exception {
        try (FileJournal journal = FileJournal.open(dir)) {
            ExecutionCommitter committer = new ExecutionCommitter(journal);
            DurableExecution exec = execution();
            CompletableFuture<Void> timer = new CompletableFuture<>();
            exec.timers.put("wait:x", timer);
            List<String> seen = new ArrayList<>();
            committer.addListener((e, tx) -> seen.add("closed=" + e.closed.isDone() + " timers=" + e.timers.size()
                    + " status=" + e.header.status()));
            ExecutionTx tx = startStep(exec, "s1");
            committer.commit(exec, tx);
            assertThat(seen).containsExactly("closed=false timers=1 status=RUNNING");
            ExecutionTx closing = new ExecutionTx(exec);
            closing.put(Operation.builder("id-1", OperationType.EXECUTION).status(OperationStatus.STARTED)
                    .startTimestamp(Instant.ofEpochMilli(1000)).build());
            Transitions.close(closing, ExecutionStatus.SUCCEEDED, "\"ok\"", null, Instant.ofEpochMilli(3000));
            committer.commit(exec, closing);
            assertThat(seen).last().isEqualTo("closed=true timers=0 status=SUCCEEDED");
            assertThat(timer.isCancelled()).isTrue();
            assertThat(exec.events).extracting(e -> e.eventType()).containsExactly("ExecutionSucceeded");
        }
    }
}
