package io.durablebench.durable;

/** What one waitForCondition check concluded: the new state, and whether to stop waiting. */
public record WaitForConditionResult<S>(S state, boolean done) {
    public static <S> WaitForConditionResult<S> continueWaiting(S state) {
        return new WaitForConditionResult<>(state, false);
    }

    public static <S> WaitForConditionResult<S> stopPolling(S state) {
        return new WaitForConditionResult<>(state, true);
    }
}
