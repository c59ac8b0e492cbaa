package io.durablebench.durable.operation;

import io.durablebench.durable.DurableLogger;
import io.durablebench.durable.TypeToken;
import io.durablebench.durable.WaitForConditionCheck;
import io.durablebench.durable.WaitForConditionResult;
import io.durablebench.durable.config.WaitForConditionConfig;
import io.durablebench.durable.config.WaitStrategies;
import io.durablebench.durable.exception.WaitForConditionFailedException;
import io.durablebench.durable.execution.Errors;
import io.durablebench.durable.execution.InvocationRuntime;
import io.durablebench.durable.serde.SerDes;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.lambda.model.ErrorObject;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationAction;
import software.amazon.awssdk.services.lambda.model.OperationStatus;
import software.amazon.awssdk.services.lambda.model.OperationType;
import software.amazon.awssdk.services.lambda.model.StepOptions;

/**
 * waitForCondition (a STEP with SubType {@code WaitForCondition}): run a check; if it says keep
 * waiting, checkpoint RETRY carrying the new state as payload (no error) and a delay, and let the
 * service schedule the next check; when it says done, checkpoint SUCCEED with the final state. The
 * state survives between invocations in {@code StepDetails.Result}.
 */
public final class WaitForConditionOperation<S> extends StepAttempts<S> {
    static final String SUB_TYPE = "WaitForCondition";

    private final WaitForConditionCheck<S> check;
    private final WaitForConditionConfig<S> config;

    public WaitForConditionOperation(InvocationRuntime runtime, String id, String parentId, String name, TypeToken<S> type,
                                     WaitForConditionCheck<S> check, WaitForConditionConfig<S> config,
                                     SerDes defaultSerDes, Function<String, DurableLogger> loggers) {
        super(runtime, new Updates.OperationRef(id, parentId, name, OperationType.STEP, SUB_TYPE), type,
                serDes(config == null ? WaitForConditionConfig.of(null) : config, defaultSerDes), loggers);
        this.check = check;
        this.config = config == null ? WaitForConditionConfig.of(null) : config;
    }

    private static SerDes serDes(WaitForConditionConfig<?> config, SerDes defaultSerDes) {
        return config.serDes() != null ? config.serDes() : defaultSerDes;
    }

    @Override
    Finished<S> attempt(Operation op, int attempt) {
        S state = op != null && op.stepDetails() != null && op.stepDetails().result() != null
                ? serDes.deserialize(op.stepDetails().result(), type) : config.initialState();
        if (op == null || op.status() == OperationStatus.READY) {
            runtime.enqueue(Updates.of(ref, OperationAction.START).build());
        }
        WaitForConditionResult<S> result;
        try {
            AttemptContext context = context(attempt);
            S current = state;
            result = runtime.runUserCode(() -> check.check(current, context));
        } catch (Throwable t) {
            OperationSupport.rethrowUnlessUserFailure(t);
            ErrorObject error = Errors.of(t);
            runtime.checkpoint(Updates.of(ref, OperationAction.FAIL).error(error).build());
            throw failure(error, t);
        }
        String payload = serDes.serialize(result.state());
        if (result.done()) {
            runtime.checkpoint(Updates.of(ref, OperationAction.SUCCEED).payload(payload).build());
            return new Finished<>(serDes.deserialize(payload, type));
        }
        Optional<Duration> delay = (config.waitStrategy() == null ? WaitStrategies.DEFAULT : config.waitStrategy())
                .delayAfter(attempt);
        if (delay.isEmpty()) {
            ErrorObject error = Errors.of("WaitForConditionExhausted", OperationSupport.label("waitForCondition", ref.name())
                    + " gave up after " + attempt + " checks without the condition being met");
            runtime.checkpoint(Updates.of(ref, OperationAction.FAIL).error(error).build());
            throw failure(error, null);
        }
        runtime.checkpoint(Updates.of(ref, OperationAction.RETRY).payload(payload)
                .stepOptions(StepOptions.builder().nextAttemptDelaySeconds((int) Math.max(1, delay.get().toSeconds())).build())
                .build());
        return null;
    }

    @Override
    WaitForConditionFailedException failure(ErrorObject error, Throwable cause) {
        return new WaitForConditionFailedException(OperationSupport.label("waitForCondition", ref.name()) + " failed: "
                + Errors.describe(error), ref.name(), error, cause);
    }
}
