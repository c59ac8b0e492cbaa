package io.durablebench.durable.operation;

import io.durablebench.durable.DurableLogger;
import io.durablebench.durable.TypeToken;
import io.durablebench.durable.execution.InvocationRuntime;
import io.durablebench.durable.serde.SerDes;
import java.util.function.Function;
import software.amazon.awssdk.services.lambda.model.ErrorObject;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationStatus;

/**
 * The replay-and-attempt loop of the two STEP kinds (a step and a waitForCondition): a logged
 * success or failure is returned or rethrown without running user code; a PENDING attempt waits
 * until the service makes it READY; otherwise the next attempt runs, and the kind decides what its
 * outcome checkpoints (SUCCEED, FAIL, or RETRY for the service to schedule another attempt).
 */
abstract class StepAttempts<T> {
    protected final InvocationRuntime runtime;
    protected final Updates.OperationRef ref;
    protected final TypeToken<T> type;
    protected final SerDes serDes;
    private final Function<String, DurableLogger> loggers;

    StepAttempts(InvocationRuntime runtime, Updates.OperationRef ref, TypeToken<T> type, SerDes serDes,
                 Function<String, DurableLogger> loggers) {
        this.runtime = runtime;
        this.ref = ref;
        this.type = type;
        this.serDes = serDes;
        this.loggers = loggers;
    }

    /** An attempt's result (a record, because a step may return null). */
    record Finished<T>(T value) {
    }

    public T run() {
        Operation op = OperationSupport.existing(runtime, ref);
        if (op != null && op.status() == OperationStatus.SUCCEEDED) {
            runtime.replayed();
            return serDes.deserialize(op.stepDetails() == null ? null : op.stepDetails().result(), type);
        }
        if (op != null && OperationSupport.failedTerminal(op)) {
            runtime.replayed();
            throw failure(op.stepDetails() == null ? null : op.stepDetails().error(), null);
        }
        runtime.executing();
        while (true) {
            op = runtime.operation(ref.id());
            if (op != null && op.status() == OperationStatus.PENDING) {
                op = runtime.awaitOperation(ref.id(), o -> o != null && o.status() != OperationStatus.PENDING,
                        op.stepDetails() == null ? null : op.stepDetails().nextAttemptTimestamp());
            }
            if (op != null && op.status() == OperationStatus.SUCCEEDED) {
                return serDes.deserialize(op.stepDetails().result(), type);
            }
            if (op != null && OperationSupport.failedTerminal(op)) {
                throw failure(op.stepDetails() == null ? null : op.stepDetails().error(), null);
            }
            Finished<T> finished = attempt(op, OperationSupport.completedAttempts(op) + 1);
            if (finished != null) {
                return finished.value();
            }
        }
    }

    /**
     * Runs attempt number {@code attempt} of the operation as logged now ({@code op}, null before
     * the first): returns its result, throws its final failure, or returns null after checkpointing
     * a RETRY (the loop then waits for the service to make the next attempt READY).
     */
    abstract Finished<T> attempt(Operation op, int attempt);

    /** The exception this kind throws for a failure logged as {@code error}. */
    abstract RuntimeException failure(ErrorObject error, Throwable cause);

    /** What the user code of attempt number {@code attempt} sees. */
    final AttemptContext context(int attempt) {
        return new AttemptContext(ref.id(), attempt, loggers);
    }
}
