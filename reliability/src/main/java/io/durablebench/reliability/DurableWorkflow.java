package io.durablebench.reliability;

import java.util.List;

/** A durable workflow the crash sweep runs: its executions are named so the crash switch can watch them. */
public interface DurableWorkflow {
    String name();

    /** The execution name prefix of run {@code runId} (what the crash switch watches). */
    String executionPrefix(String runId);

    /** Begins run {@code runId}; returns at once (the work goes on in the service or a client thread). */
    Run begin(CrashBed bed, String runId);

    interface Run {
        /** Whether the run has ended on its own (then no crash will come). */
        boolean ended(CrashBed bed);

        /** After any crash and restart: re-deliver as Lambda or a client would, wait for the end, check. */
        Verdict finish(CrashBed bed);

        /** The run's executions (children included), once it has finished. */
        List<String> executions(CrashBed bed);
    }
}
