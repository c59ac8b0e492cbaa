package io.durablebench.loadtest;

import java.time.Instant;

/** A run's clock: the wall-clock start for the CSV, the monotonic clock for its latency. */
record Stopwatch(Instant started, long startNanos) {
    static Stopwatch start() {
        return new Stopwatch(Instant.now(), System.nanoTime());
    }

    double elapsedMs() {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
