package io.durablebench.locallambda.durable;

import io.durablebench.locallambda.durable.model.ErrorObject;
import io.durablebench.locallambda.durable.model.ExecutionStatus;
import java.time.Instant;

/**
 * Everything the service keeps about an execution besides its operations and history.
 *
 * @param functionName       the function (local name)
 * @param version            the version that runs: {@code $LATEST} or a published version
 * @param executionId        the last ARN segment, also the EXECUTION operation's Id
 * @param executionTimeoutSeconds from the function's DurableConfig
 * @param parentArn          set when a chained invoke of another execution started this one
 * @param parentOperationId  the parent's CHAINED_INVOKE operation
 * @param awaitingInvocation true while the execution needs (or is running) an invocation; false
 *                           while it is suspended waiting for a timer, callback or chained invoke
 * @param consecutiveFailures invocations that failed in a row (thrown, timed out, invalid PENDING)
 */
public record ExecutionHeader(String arn, String functionName, String version, String executionName,
                              String executionId, Instant startTimestamp, Instant endTimestamp,
                              ExecutionStatus status, String result, ErrorObject error,
                              long executionTimeoutSeconds, String parentArn, String parentOperationId,
                              boolean awaitingInvocation, int consecutiveFailures) {

    public ExecutionHeader withAwaitingInvocation(boolean v) {
        return new ExecutionHeader(arn, functionName, version, executionName, executionId, startTimestamp,
                endTimestamp, status, result, error, executionTimeoutSeconds, parentArn, parentOperationId, v,
                consecutiveFailures);
    }

    public ExecutionHeader withConsecutiveFailures(int v) {
        return new ExecutionHeader(arn, functionName, version, executionName, executionId, startTimestamp,
                endTimestamp, status, result, error, executionTimeoutSeconds, parentArn, parentOperationId,
                awaitingInvocation, v);
    }

    public ExecutionHeader closed(ExecutionStatus newStatus, Instant end, String newResult, ErrorObject newError) {
        return new ExecutionHeader(arn, functionName, version, executionName, executionId, startTimestamp, end,
                newStatus, newResult, newError, executionTimeoutSeconds, parentArn, parentOperationId, false,
                consecutiveFailures);
    }

    /** The function ARN qualified with the version that runs, as GetDurableExecution reports it. */
    public String functionArn() {
        int i = arn.indexOf("/durable-execution/");
        return arn.substring(0, i);
    }
}
