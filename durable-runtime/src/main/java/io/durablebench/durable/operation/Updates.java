package io.durablebench.durable.operation;

import software.amazon.awssdk.services.lambda.model.OperationAction;
import software.amazon.awssdk.services.lambda.model.OperationType;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;

/** Builders of the operation updates sent in checkpoints. */
final class Updates {
    private Updates() {
    }

    static OperationUpdate.Builder of(OperationRef ref, OperationAction action) {
        return OperationUpdate.builder().id(ref.id()).parentId(ref.parentId()).name(ref.name())
                .type(ref.type()).subType(ref.subType()).action(action);
    }

    /** Identity of one operation: what every update for it repeats. */
    record OperationRef(String id, String parentId, String name, OperationType type, String subType) {
    }
}
