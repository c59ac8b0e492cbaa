package io.durablebench.loadtest;

/** The {@code variant} column's values: which side of the comparison a run is on. */
final class Variants {
    /** On durable execution (checkpoint and replay). */
    static final String DURABLE = "durable";
    /** Ours: explicit state in DynamoDB, the fewest calls that keep the guarantees. */
    static final String BASELINE = "baseline";
    /** Video only: the paper's polling design. */
    static final String BASELINE_PAPER = "baseline-paper";
    /** The no-op function measuring the harness. */
    static final String NOOP = "noop";

    private Variants() {
    }
}
