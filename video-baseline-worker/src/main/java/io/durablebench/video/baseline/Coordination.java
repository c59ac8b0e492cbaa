package io.durablebench.video.baseline;

import java.util.Locale;

/** How the baseline coordinates a job (the function's {@code COORDINATION} variable). */
public enum Coordination {
    /**
     * Ours: a conditional job claim, one record write per finished chunk (and per failed attempt),
     * completion known in memory (threads) or by one Query per poll (per-chunk invocations), one
     * final job write. Idempotent re-delivery, leases, crash recovery.
     */
    OPTIMIZED,
    /**
     * The paper's design: job and chunk status records written up front, RUNNING and DONE updates
     * by the workers, and a coordinator that polls every chunk's status record until all are done.
     * No idempotency and no leases (the paper had none); for reproducing its store-operation counts.
     */
    PAPER;

    public static Coordination parse(String value) {
        return value == null || value.isBlank() ? OPTIMIZED : valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
