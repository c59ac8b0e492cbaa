package io.durablebench.durable.config;

import java.util.concurrent.ThreadLocalRandom;

/** Randomization of backoff delays, so retries of many executions do not arrive together. */
public enum JitterStrategy {
    /** The computed delay as is. */
    NONE,
    /** A uniformly random delay between zero and the computed delay. */
    FULL,
    /** Half the computed delay plus a random part of up to the other half. */
    HALF;

    public double apply(double seconds) {
        return switch (this) {
            case NONE -> seconds;
            case FULL -> ThreadLocalRandom.current().nextDouble() * seconds;
            case HALF -> seconds / 2 + ThreadLocalRandom.current().nextDouble() * seconds / 2;
        };
    }
}
