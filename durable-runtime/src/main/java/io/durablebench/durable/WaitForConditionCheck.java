package io.durablebench.durable;

/** One check of waitForCondition: looks at the outside world and the state so far. */
@FunctionalInterface
public interface WaitForConditionCheck<S> {
    WaitForConditionResult<S> check(S state, StepContext context);
}
