package io.durablebench.durable.operation;

import io.durablebench.durable.DurableLogger;
import io.durablebench.durable.StepContext;
import io.durablebench.durable.TypeToken;
import io.durablebench.durable.config.RetryDecision;
import io.durablebench.durable.config.StepConfig;
import io.durablebench.durable.config.StepSemantics;
import io.durablebench.durable.exception.PayloadTooLargeException;
import io.durablebench.durable.exception.StepFailedException;
import io.durablebench.durable.exception.StepInterruptedException;
import io.durablebench.durable.execution.Errors;
import io.durablebench.durable.execution.InvocationRuntime;
import io.durablebench.durable.serde.SerDes;
import java.util.function.Function;
import software.amazon.awssdk.services.lambda.model.ErrorObject;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationAction;
import software.amazon.awssdk.services.lambda.model.OperationStatus;
import software.amazon.awssdk.services.lambda.model.OperationType;
import software.amazon.awssdk.services.lambda.model.StepOptions;

/**
 * A step (STEP / {@code Step}): runs its code, checkpoints the result, and on failure asks its
 * retry strategy; a retry is scheduled by the service (RETRY with a delay; the step becomes PENDING,
 * then READY), so the wait between attempts costs no compute when nothing else runs.
 *
 * <p>Replay by logged status: SUCCEEDED/FAILED return/rethrow what was recorded without running
 * the code; PENDING waits for READY; READY runs the next attempt; STARTED (an invocation died
 * mid-attempt) runs the attempt again under at-least-once semantics, and under at-most-once treats
 * it as failed with {@link StepInterruptedException} (the code may have had its effect).
 */
public final class StepOperation<T> extends StepAttempts<T> {
    static final String SUB_TYPE = "Step";

    private final Function<StepContext, T> body;
    private final StepConfig config;

    public StepOperation(InvocationRuntime runtime, String id, String parentId, String name, TypeToken<T> type,
                         Function<StepContext, T> body, StepConfig config, SerDes defaultSerDes,
                         Function<String, DurableLogger> loggers) {
        super(runtime, new Updates.OperationRef(id, parentId, name, OperationType.STEP, SUB_TYPE), type,
                serDes(config == null ? StepConfig.DEFAULT : config, defaultSerDes), loggers);
        this.body = body;
        this.config = config == null ? StepConfig.DEFAULT : config;
    }

    private static SerDes serDes(StepConfig config, SerDes defaultSerDes) {
        return config.serDes() != null ? config.serDes() : defaultSerDes;
    }

    @Override
    Finished<T> attempt(Operation op, int attempt) {
        boolean started = op != null && op.status() == OperationStatus.STARTED;
        if (started && config.semantics() == StepSemantics.AT_MOST_ONCE_PER_RETRY) {
            StepInterruptedException interrupted = new StepInterruptedException(OperationSupport.label("step", ref.name())
                    + " attempt " + attempt + " was started by an earlier invocation that did not finish it; "
                    + "with at-most-once semantics it is not run again", ref.name(), null, null);
            if (!handleFailure(interrupted, attempt)) {
                throw failure(Errors.of(interrupted), interrupted);
            }
            return null;
        }
        if (!started) {
            var start = Updates.of(ref, OperationAction.START).build();
            if (config.semantics() == StepSemantics.AT_MOST_ONCE_PER_RETRY) {
                runtime.checkpoint(start);
            } else {
                runtime.enqueue(start);
            }
        }
        T result;
        try {
            AttemptContext context = context(attempt);
            result = runtime.runUserCode(() -> body.apply(context));
        } catch (Throwable t) {
            OperationSupport.rethrowUnlessUserFailure(t);
            if (!handleFailure(t, attempt)) {
                throw failure(Errors.of(t), t);
            }
            return null;
        }
        String payload = serDes.serialize(result);
        if (OperationSupport.bytes(payload) > InvocationRuntime.MAX_OPERATION_PAYLOAD_BYTES) {
            PayloadTooLargeException tooLarge = new PayloadTooLargeException(OperationSupport.label("step", ref.name())
                    + " returned " + OperationSupport.bytes(payload) + " bytes; STEP output payload size must be less "
                    + "than or equal to " + InvocationRuntime.MAX_OPERATION_PAYLOAD_BYTES + " bytes. Store large "
                    + "results elsewhere (e.g. S3) and return their key.");
            ErrorObject error = Errors.of(tooLarge);
            runtime.checkpoint(Updates.of(ref, OperationAction.FAIL).error(error).build());
            throw tooLarge;
        }
        runtime.checkpoint(Updates.of(ref, OperationAction.SUCCEED).payload(payload).build());
        return new Finished<>(serDes.deserialize(payload, type));
    }

    /** Checkpoints RETRY (and returns true) or FAIL (and returns false) as the retry strategy decides. */
    private boolean handleFailure(Throwable error, int attempt) {
        RetryDecision decision = config.retryStrategy().decide(error, attempt);
        ErrorObject checkpointed = Errors.of(error);
        if (decision.shouldRetry()) {
            long seconds = Math.max(1, (decision.delay().toMillis() + 999) / 1000);
            runtime.checkpoint(Updates.of(ref, OperationAction.RETRY).error(checkpointed)
                    .stepOptions(StepOptions.builder().nextAttemptDelaySeconds((int) seconds).build()).build());
            return true;
        }
        runtime.checkpoint(Updates.of(ref, OperationAction.FAIL).error(checkpointed).build());
        return false;
    }

    @Override
    StepFailedException failure(ErrorObject error, Throwable cause) {
        return new StepFailedException(OperationSupport.label("step", ref.name()) + " failed: " + Errors.describe(error),
                ref.name(), error, cause);
    }
}
