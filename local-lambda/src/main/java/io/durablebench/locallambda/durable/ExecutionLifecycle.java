package io.durablebench.locallambda.durable;

import io.durablebench.locallambda.durable.model.ErrorObject;
import io.durablebench.locallambda.durable.model.ExecutionStatus;
import io.durablebench.locallambda.durable.model.Operation;
import io.durablebench.locallambda.durable.model.OperationStatus;
import io.durablebench.locallambda.durable.model.OperationType;
import io.durablebench.locallambda.error.ErrorType;
import io.durablebench.locallambda.error.LambdaApiException;
import io.durablebench.locallambda.function.FunctionTarget;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Starts executions (idempotently by name) and stops them. A start writes the execution's first
 * record (the EXECUTION operation with the input and the {@code ExecutionStarted} event) before
 * the ARN is handed out, arms the execution timeout and requests the first invocation.
 */
record ExecutionLifecycle(ExecutionRegistry registry, ExecutionCommitter committer, OperationTimers operationTimers,
                          InvocationScheduler invocations, ServiceClock clock) {
    private static final Pattern EXECUTION_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    /**
     * Starts a durable execution of {@code target}, or finds the one already started under
     * {@code executionName}: same input gives that execution (running or closed), a different
     * input DurableExecutionAlreadyStartedException.
     *
     * @param input             the execution's input as given: null when there is none (a chained invoke
     *                          without a payload), which the EXECUTION operation then does not carry
     * @param parentArn         the execution whose chained invoke starts this one, or null
     * @param parentOperationId that execution's CHAINED_INVOKE operation, or null
     */
    DurableService.Started start(FunctionTarget target, String executionName, String input, String parentArn,
                                 String parentOperationId) {
        if (executionName != null && !EXECUTION_NAME.matcher(executionName).matches()) {
            throw LambdaApiException.invalidParameter(
                    "DurableExecutionName must be 1 to 64 characters of [a-zA-Z0-9-_], got '" + executionName + "'");
        }
        String name = executionName != null ? executionName : UUID.randomUUID().toString();
        String payload = input;
        String key = ExecutionRegistry.nameKey(target.name(), name);
        while (true) {
            DurableExecution existing = registry.byName(key);
            if (existing != null) {
                existing.lock.lock();
                try {
                    if (existing.abandoned) {
                        registry.releaseName(key, existing);
                        continue;
                    }
                    String storedInput = existing.executionOperation().inputPayload();
                    if (!java.util.Objects.equals(payload, storedInput)) {
                        throw new LambdaApiException(ErrorType.DurableExecutionAlreadyStartedException,
                                "A durable execution named " + name + " was already started for function "
                                        + target.name() + " with a different payload: " + existing.header.arn());
                    }
                    return new DurableService.Started(existing.header.arn(), false);
                } finally {
                    existing.lock.unlock();
                }
            }
            DurableExecution exec = newExecution(target, name, parentArn, parentOperationId);
            exec.lock.lock();
            try {
                if (!registry.claimName(key, exec)) {
                    continue;
                }
                ExecutionTx tx = new ExecutionTx(exec);
                Instant now = exec.header.startTimestamp();
                Operation execOp = Operation.builder(exec.header.executionId(), OperationType.EXECUTION).name(name)
                        .status(OperationStatus.STARTED).startTimestamp(now).inputPayload(payload).build();
                tx.put(execOp);
                tx.event("ExecutionStarted", execOp, now,
                        History.executionStarted(payload, exec.header.executionTimeoutSeconds()));
                try {
                    committer.write(exec, tx);
                } catch (RuntimeException e) {
                    exec.abandoned = true;
                    registry.releaseName(key, exec);
                    throw new LambdaApiException(ErrorType.ServiceException, "could not store the execution: " + e);
                }
                exec.persisted = true;
                registry.add(exec);
                operationTimers.armExecutionTimeout(exec);
            } finally {
                exec.lock.unlock();
            }
            invocations.request(exec);
            return new DurableService.Started(exec.header.arn(), true);
        }
    }

    private DurableExecution newExecution(FunctionTarget target, String name, String parentArn,
                                          String parentOperationId) {
        String executionId = UUID.randomUUID().toString();
        String arn = target.versionArn() + "/durable-execution/" + name + "/" + executionId;
        long timeout = target.function().definition().durable().orElseThrow().executionTimeoutSeconds();
        return new DurableExecution(new ExecutionHeader(arn, target.name(), target.version(), name, executionId,
                clock.now(), null, ExecutionStatus.RUNNING, null, null, timeout, parentArn, parentOperationId, true, 0));
    }

    /** StopDurableExecution; a closed execution is left as it is (the call returns its end time). */
    Instant stop(String arn, ErrorObject error) {
        DurableExecution exec = registry.find(arn);
        boolean given = error != null && (error.errorType() != null || error.errorMessage() != null
                || error.errorData() != null || error.stackTrace() != null);
        ErrorObject stopError = given ? error : ErrorObject.of(null, "Execution stopped by user request");
        exec.lock.lock();
        try {
            if (exec.isClosed()) {
                return exec.header.endTimestamp();
            }
            ExecutionTx tx = new ExecutionTx(exec);
            Instant now = clock.now();
            Transitions.close(tx, ExecutionStatus.STOPPED, null, stopError, now);
            committer.commit(exec, tx);
            return now;
        } finally {
            exec.lock.unlock();
        }
    }
}
