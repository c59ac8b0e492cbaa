package io.durablebench.durable.config;

/**
 * When a map or parallel stops starting new items. Unset fields do not constrain.
 *
 * @param minSuccessful              stop once this many items succeeded (MIN_SUCCESSFUL_REACHED)
 * @param toleratedFailureCount      stop once more than this many items failed (FAILURE_TOLERANCE_EXCEEDED)
 * @param toleratedFailurePercentage stop once more than this percentage of all items failed
 */
public record CompletionConfig(Integer minSuccessful, Integer toleratedFailureCount, Double toleratedFailurePercentage) {
    public CompletionConfig {
        if (minSuccessful != null && minSuccessful < 1) {
            throw new IllegalArgumentException("minSuccessful must be at least 1, got " + minSuccessful);
        }
        if (toleratedFailureCount != null && toleratedFailureCount < 0) {
            throw new IllegalArgumentException("toleratedFailureCount must not be negative, got " + toleratedFailureCount);
        }
        if (toleratedFailurePercentage != null && (toleratedFailurePercentage < 0 || toleratedFailurePercentage > 100)) {
            throw new IllegalArgumentException("toleratedFailurePercentage must be within 0..100, got " + toleratedFailurePercentage);
        }
    }

    /** Run every item whatever fails (the default). */
    public static CompletionConfig allCompleted() {
        return new CompletionConfig(null, null, null);
    }

    /** Stop at the first failure. */
    public static CompletionConfig allSuccessful() {
        return new CompletionConfig(null, 0, null);
    }

    /** Stop at the first success. */
    public static CompletionConfig firstSuccessful() {
        return new CompletionConfig(1, null, null);
    }

    public static CompletionConfig minSuccessful(int count) {
        return new CompletionConfig(count, null, null);
    }

    public static CompletionConfig toleratedFailureCount(int count) {
        return new CompletionConfig(null, count, null);
    }

    public static CompletionConfig toleratedFailurePercentage(double percentage) {
        return new CompletionConfig(null, null, percentage);
    }

    public CompletionConfig withMinSuccessful(int count) {
        return new CompletionConfig(count, toleratedFailureCount, toleratedFailurePercentage);
    }

    public CompletionConfig withToleratedFailureCount(int count) {
        return new CompletionConfig(minSuccessful, count, toleratedFailurePercentage);
    }
}
