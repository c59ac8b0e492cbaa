package io.durablebench.durable.operation;

import io.durablebench.durable.DurableLogger;
import io.durablebench.durable.StepContext;
import java.util.function.Function;

/** What user code inside a STEP knows: a step's attempt, or a waitForCondition's check. */
record AttemptContext(String operationId, int attempt, Function<String, DurableLogger> loggers) implements StepContext {
    @Override
    public int getAttempt() {
        return attempt;
    }

    @Override
    public String getOperationId() {
        return operationId;
    }

    @Override
    public DurableLogger getLogger() {
        return loggers.apply(operationId);
    }
}
