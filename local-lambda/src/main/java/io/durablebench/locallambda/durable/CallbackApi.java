package io.durablebench.locallambda.durable;

import io.durablebench.locallambda.durable.model.ErrorObject;
import io.durablebench.locallambda.durable.model.Operation;
import io.durablebench.locallambda.durable.model.OperationStatus;
import io.durablebench.locallambda.durable.model.OperationType;
import io.durablebench.locallambda.error.ErrorType;
import io.durablebench.locallambda.error.LambdaApiException;
import io.durablebench.locallambda.json.WireJson;
import java.nio.charset.StandardCharsets;

/**
 * SendDurableExecutionCallbackSuccess, Failure and Heartbeat: a callback id names its execution
 * and CALLBACK operation; completing a STARTED callback is committed and wakes the execution up; a
 * heartbeat re-arms the heartbeat timeout. A closed callback (or execution) answers
 * CallbackTimeoutException.
 */
final class CallbackApi {
    private final ExecutionRegistry registry;
    private final OutsideChanges outside;
    private final OperationTimers operationTimers;
    private final ServiceClock clock;

    CallbackApi(ExecutionRegistry registry, OutsideChanges outside, OperationTimers operationTimers,
                ServiceClock clock) {
        this.registry = registry;
        this.outside = outside;
        this.operationTimers = operationTimers;
        this.clock = clock;
    }

    void success(String callbackId, byte[] result) {
        if (result != null && result.length > WireJson.MAX_PAYLOAD_BYTES) {
            throw LambdaApiException.invalidParameter("Result must be at most " + WireJson.MAX_PAYLOAD_BYTES
                    + " bytes, got " + result.length);
        }
        String text = result == null || result.length == 0 ? null : new String(result, StandardCharsets.UTF_8);
        complete(callbackId, OperationStatus.SUCCEEDED, text, null);
    }

    void failure(String callbackId, ErrorObject error) {
        complete(callbackId, OperationStatus.FAILED, null, error != null ? error : new ErrorObject(null, null, null, null));
    }

    void heartbeat(String callbackId) {
        String[] ref = Tokens.parseCallbackId(callbackId);
        DurableExecution exec = execution(ref);
        exec.lock.lock();
        try {
            Operation op = activeCallback(exec, ref[1]);
            operationTimers.armCallbackTimeouts(exec, op, false);
        } finally {
            exec.lock.unlock();
        }
    }

    private void complete(String callbackId, OperationStatus status, String result, ErrorObject error) {
        String[] ref = Tokens.parseCallbackId(callbackId);
        DurableExecution exec = execution(ref);
        boolean invoke;
        exec.lock.lock();
        try {
            Operation op = activeCallback(exec, ref[1]);
            ExecutionTx tx = new ExecutionTx(exec);
            Transitions.completeCallback(tx, op.id(), status, result, error, clock.now());
            invoke = outside.commitAndWake(exec, tx);
        } finally {
            exec.lock.unlock();
        }
        if (invoke) {
            outside.wake(exec);
        }
    }

    private DurableExecution execution(String[] ref) {
        DurableExecution exec = registry.get(ref[0]);
        if (exec == null) {
            throw LambdaApiException.notFound("No durable execution has callback " + ref[1] + " (execution " + ref[0]
                    + " not found)");
        }
        return exec;
    }

    private static Operation activeCallback(DurableExecution exec, String opId) {
        Operation op = exec.op(opId);
        if (op == null || op.type() != OperationType.CALLBACK) {
            throw LambdaApiException.notFound("Callback operation " + opId + " not found in " + exec.header.arn());
        }
        if (exec.isClosed() || op.status() != OperationStatus.STARTED) {
            throw new LambdaApiException(ErrorType.CallbackTimeoutException,
                    "The callback ID token has either expired or the callback associated with the token has already"
                            + " been closed (callback " + op.status() + ", execution " + exec.header.status() + ").");
        }
        return op;
    }
}
