package io.durablebench.reliability;

/**
 * How one run ended, checked against what the run's client sent.
 *
 * @param finished   the workflow ended (after any crash and restart) with an answer
 * @param correct    the answer and the stored state are exactly what the acknowledged inputs prescribe
 * @param duplicated side effects applied twice: on the durable side, completed (acknowledged) steps
 *                   whose user code ran again or were recorded again; on the baseline side, operations
 *                   or objects applied/written more than once
 * @param lost       acknowledged inputs missing from the final state or output
 * @param detail     what was seen, for the report
 */
public record Verdict(boolean finished, boolean correct, long duplicated, long lost, String detail) {
    /**
     * Written in the detail of a run that re-did work not yet recorded when the process died (allowed:
     * at-least-once for unrecorded work), followed by how many writes; the report counts these runs.
     */
    public static final String REDONE = "unrecorded work redone: ";

    public static Verdict unfinished(String why) {
        return new Verdict(false, false, 0, 0, why);
    }

    /** The run re-did work that was not yet recorded when the process died. */
    public boolean redidUnrecordedWork() {
        return detail.contains(REDONE);
    }
}
