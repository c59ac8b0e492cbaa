package io.durablebench.local.template;

/** A function's {@code DurableConfig}: present only on durable functions. */
public record DurableSettings(long executionTimeoutSeconds, int retentionPeriodInDays) {
}
