package io.durablebench.locallambda.durable;

import io.durablebench.locallambda.error.ErrorType;
import io.durablebench.locallambda.error.LambdaApiException;
import io.durablebench.locallambda.store.Journal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Makes staged changes real: {@link #write} appends the transaction to the journal (synced) and
 * only then applies it in memory; {@link #effects} then tells the listeners (timers, chained
 * invokes) what the committed change calls for. A closing change cancels the execution's timers
 * and releases whoever awaits its end before the listeners run.
 */
final class ExecutionCommitter {
    /** Reacts to a committed change; called with the execution's lock held. */
    interface Listener {
        void committed(DurableExecution exec, ExecutionTx tx);
    }

    private final Journal journal;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    ExecutionCommitter(Journal journal) {
        this.journal = journal;
    }

    void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Writes the transaction to the journal (durably), then applies it. The caller holds the lock. */
    void write(DurableExecution exec, ExecutionTx tx) {
        // JournalWrites counts the record being written; JournalBytes is added after encoding (recovery
        // adds each change record's length back, see Recovery).
        exec.metrics.journalWrites++;
        byte[] record = ExecutionCodec.encode(tx.header, exec.metrics, tx.changed.values(), tx.newEvents);
        exec.metrics.journalBytes += record.length;
        try {
            journal.append(record);
        } catch (RuntimeException e) {
            exec.metrics.journalWrites--;
            exec.metrics.journalBytes -= record.length;
            throw new LambdaApiException(ErrorType.ServiceException, "the service could not store the change: " + e);
        }
        exec.commit(tx);
    }

    /** Arms the timers and dispatches the work that the committed changes call for. */
    void effects(DurableExecution exec, ExecutionTx tx) {
        if (tx.closing) {
            exec.cancelAllTimers();
            exec.closed.complete(null);
        }
        for (Listener l : listeners) {
            l.committed(exec, tx);
        }
    }

    /** {@link #write} then {@link #effects}. */
    void commit(DurableExecution exec, ExecutionTx tx) {
        write(exec, tx);
        effects(exec, tx);
    }
}
