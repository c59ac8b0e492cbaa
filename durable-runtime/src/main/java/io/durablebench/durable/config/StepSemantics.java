package io.durablebench.durable.config;

/** How often a step's code may run per attempt if an invocation is interrupted mid-step. */
public enum StepSemantics {
    /**
     * The attempt's start is checkpointed without waiting; if the invocation dies mid-step, the next
     * invocation runs the attempt again. The default: cheapest, for idempotent step code.
     */
    AT_LEAST_ONCE_PER_RETRY,
    /**
     * The attempt's start is checkpointed and acknowledged before the code runs; if the invocation
     * dies mid-step, the next invocation does not run it again but treats the attempt as failed
     * ({@code StepInterruptedException}) and consults the retry strategy.
     */
    AT_MOST_ONCE_PER_RETRY
}
