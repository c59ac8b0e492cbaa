package io.durablebench.durable.client;

import java.util.List;
import software.amazon.awssdk.services.lambda.model.CheckpointDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionStateResponse;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;

/**
 * The two service calls a running durable function makes. Implementations throw
 * {@link io.durablebench.durable.exception.CheckpointException} on failure, saying whether the
 * invocation should be retried.
 */
public interface DurableExecutionClient {
    CheckpointDurableExecutionResponse checkpoint(String executionArn, String checkpointToken, List<OperationUpdate> updates);

    GetDurableExecutionStateResponse getExecutionState(String executionArn, String checkpointToken, String marker);

    /**
     * Where the time of the last call this thread made on this client went, when the client can tell
     * (the runtime reports it per invocation); {@link SdkCallTimings#UNKNOWN} otherwise.
     */
    default SdkCallTimings lastCallTimings() {
        return SdkCallTimings.UNKNOWN;
    }
}
