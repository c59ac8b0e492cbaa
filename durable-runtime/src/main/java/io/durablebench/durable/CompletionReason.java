package io.durablebench.durable;

/** Why a map or parallel completed. */
public enum CompletionReason {
    /** Every item ran. */
    ALL_COMPLETED,
    /** Enough items succeeded ({@code CompletionConfig.minSuccessful}). */
    MIN_SUCCESSFUL_REACHED,
    /** More items failed than tolerated. */
    FAILURE_TOLERANCE_EXCEEDED
}
