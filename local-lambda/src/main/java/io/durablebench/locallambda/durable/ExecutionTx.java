package io.durablebench.locallambda.durable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.locallambda.durable.model.HistoryEvent;
import io.durablebench.locallambda.durable.model.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * Changes to one execution staged before they are written: reads see the staged state, nothing
 * touches the execution until the journal has the record ({@link DurableExecution#commit}). A
 * refused request simply drops its transaction.
 */
final class ExecutionTx {
    final DurableExecution exec;
    ExecutionHeader header;
    final LinkedHashMap<String, Operation> changed = new LinkedHashMap<>();
    final List<HistoryEvent> newEvents = new ArrayList<>();
    /** Changed operations whose change the handler cannot see (service-side extras only). */
    final Set<String> invisible = new HashSet<>();
    /** Operations created by this transaction (first START of an Id). */
    int created;
    boolean closing;

    ExecutionTx(DurableExecution exec) {
        this.exec = exec;
        this.header = exec.header;
    }

    Operation op(String id) {
        Operation staged = changed.get(id);
        return staged != null ? staged : exec.op(id);
    }

    void put(Operation op) {
        changed.put(op.id(), op);
    }

    void event(String eventType, Operation op, Instant at, ObjectNode details) {
        int id = exec.nextEventId() + newEvents.size();
        newEvents.add(new HistoryEvent(id, eventType, op == null ? null : op.subType(), op == null ? null : op.id(),
                op == null ? null : op.name(), op == null ? null : op.parentId(), at, details));
    }

    boolean isEmpty() {
        return changed.isEmpty() && newEvents.isEmpty() && header == exec.header;
    }
}
