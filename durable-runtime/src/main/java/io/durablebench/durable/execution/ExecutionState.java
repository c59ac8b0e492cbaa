package io.durablebench.durable.execution;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationStatus;

/**
 * The operation log as this invocation knows it: what the event brought, merged with every
 * change the service reports in checkpoint responses. Guarded by the invocation's lock.
 */
final class ExecutionState {
    private final Map<String, Operation> operations = new HashMap<>();

    void merge(Collection<Operation> changed) {
        for (Operation op : changed) {
            operations.put(op.id(), op);
        }
    }

    Operation get(String id) {
        return operations.get(id);
    }

    int size() {
        return operations.size();
    }

    List<Operation> all() {
        return List.copyOf(operations.values());
    }

    static boolean isTerminal(Operation op) {
        if (op == null) {
            return false;
        }
        OperationStatus s = op.status();
        return s == OperationStatus.SUCCEEDED || s == OperationStatus.FAILED || s == OperationStatus.CANCELLED
                || s == OperationStatus.TIMED_OUT || s == OperationStatus.STOPPED;
    }
}
