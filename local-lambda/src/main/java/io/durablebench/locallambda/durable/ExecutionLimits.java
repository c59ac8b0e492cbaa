package io.durablebench.locallambda.durable;

import io.durablebench.locallambda.durable.model.OperationUpdate;
import io.durablebench.locallambda.error.LambdaApiException;
import io.durablebench.locallambda.json.WireJson;
import java.util.List;

/**
 * Lambda's limits per durable execution, enforced on each checkpoint: AWS documents them as the
 * maxima of two CloudWatch metrics of durable functions, {@code DurableExecutionOperations}
 * ("cumulative number of operations executed within a durable execution", 3,000) and
 * {@code DurableExecutionStorageWrittenBytes} (cumulative data persisted, 100 MB)
 * (https://docs.amazonaws.cn/en_us/lambda/latest/dg/durable-monitoring.md).
 *
 * <p>A checkpoint that would take the execution past either limit is refused whole, before anything
 * is written, with InvalidParameterValueException (HTTP 400): the only client error the Lambda API
 * model declares for CheckpointDurableExecution besides throttling (TooManyRequestsException) and
 * service faults (ServiceException), and the type the service answers for the documented
 * per-operation payload limit. The execution itself is not failed by the service: the SDK that gets
 * the refusal decides (the official ones end the execution FAILED on a 4xx that is not a stale
 * token). What is not documented, and chosen here: the exact message; that operations are those a
 * checkpoint creates (an Id's first START), the EXECUTION operation not included, retries of an
 * operation not counted again; that the bytes are the Payload and serialized Error of every applied
 * update (the execution's input not included); and that 100 MB is 100 x 2^20 bytes. The emulator
 * AWS publishes ({@code aws-durable-execution-sdk-python-testing}) enforces neither limit.
 */
final class ExecutionLimits {
    static final long MAX_OPERATIONS = 3_000;
    static final long MAX_STORED_BYTES = 100L * 1024 * 1024;

    private ExecutionLimits() {
    }

    /**
     * @param metrics the execution's counts before this checkpoint
     * @param created operations this checkpoint creates
     * @throws LambdaApiException InvalidParameterValueException when the checkpoint would pass a limit
     */
    static void check(ExecutionMetrics metrics, int created, List<OperationUpdate> updates) {
        long operations = metrics.operationsStarted + created;
        if (operations > MAX_OPERATIONS) {
            throw LambdaApiException.invalidParameter("The durable execution has reached its maximum number of "
                    + "operations: " + MAX_OPERATIONS + " allowed, this checkpoint would make " + operations);
        }
        long bytes = metrics.payloadBytes;
        for (OperationUpdate u : updates) {
            bytes += WireJson.utf8Length(u.payload()) + WireJson.errorBytes(u.error());
        }
        if (bytes > MAX_STORED_BYTES) {
            throw LambdaApiException.invalidParameter("The durable execution has reached its maximum size of "
                    + "checkpointed data: " + MAX_STORED_BYTES + " bytes allowed, this checkpoint would make " + bytes);
        }
    }
}
