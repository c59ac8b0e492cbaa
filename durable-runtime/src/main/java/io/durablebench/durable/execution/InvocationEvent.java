package io.durablebench.durable.execution;

import java.util.List;
import software.amazon.awssdk.services.lambda.model.Operation;

/**
 * The durable invocation event Lambda sends a durable function.
 *
 * @param executionArn    the execution this invocation belongs to
 * @param checkpointToken token for the first service call
 * @param operations      the first page of the operation log
 * @param nextMarker      set when more pages must be fetched before user code runs
 * @param unreadableLog   why the operation log cannot be replayed by this runtime (null when it can)
 */
public record InvocationEvent(String executionArn, String checkpointToken, List<Operation> operations, String nextMarker,
                              String unreadableLog) {
    /** The EXECUTION operation's id: the last path segment of the execution ARN. */
    public String executionOperationId() {
        return executionArn.substring(executionArn.lastIndexOf('/') + 1);
    }
}
