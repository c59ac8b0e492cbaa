package io.durablebench.locallambda.durable;

import io.durablebench.locallambda.durable.model.HistoryEvent;
import io.durablebench.locallambda.store.Journal;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds every execution from the journal after a start (a crash or an orderly stop), compacts
 * the journal to one record per execution, and resumes what was pending: timers from the stored
 * timestamps, chained invokes, and an invocation for every running execution that was not
 * suspended (including those whose invocation the crash cut short).
 */
record Recovery(ExecutionRegistry registry, Journal journal, OperationTimers operationTimers,
                ChainedInvokes chainedInvokes, InvocationScheduler invocations) {
    /** Call once, before serving requests. */
    void recover() {
        for (byte[] bytes : journal.recovered()) {
            ExecutionCodec.Record r = ExecutionCodec.decode(bytes);
            DurableExecution exec = registry.getOrCreate(r.header());
            exec.header = r.header();
            r.ops().forEach(exec::restore);
            for (HistoryEvent e : r.events()) {
                if (e.eventId() == exec.events.size() + 1) {
                    exec.events.add(e);
                }
            }
            exec.metrics.restore(r.metrics());
            if (!r.compacted()) {
                // A change record's metrics were taken before its own bytes were counted.
                exec.metrics.journalBytes += bytes.length;
            }
        }
        List<byte[]> compacted = new ArrayList<>();
        for (DurableExecution exec : registry.all()) {
            exec.persisted = true;
            registry.indexName(exec);
            compacted.add(ExecutionCodec.encode(exec.header, exec.metrics, exec.ops, exec.events, true));
        }
        if (!journal.recovered().isEmpty()) {
            journal.rewrite(compacted);
        }
        for (DurableExecution exec : registry.all()) {
            if (exec.isClosed()) {
                exec.closed.complete(null);
            }
        }
        for (DurableExecution exec : registry.all()) {
            if (!exec.isClosed()) {
                resume(exec);
            } else if (exec.header.parentArn() != null) {
                // The crash may have come between the child's end and the parent's record of it.
                chainedInvokes.completeParent(exec.header);
            }
        }
    }

    private void resume(DurableExecution exec) {
        boolean invoke;
        exec.lock.lock();
        try {
            operationTimers.rearm(exec);
            chainedInvokes.resume(exec);
            invoke = exec.header.awaitingInvocation();
        } finally {
            exec.lock.unlock();
        }
        if (invoke) {
            invocations.request(exec);
        }
    }
}
