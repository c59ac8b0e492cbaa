package io.durablebench.loadtest;

import java.time.Instant;
import java.util.Map;

/**
 * Timing and invocation figures of one run, and its durable counts ({@link DurableCounts#NONE} on
 * the baseline); {@link #record} makes the run's CSV row of them.
 */
record Measured(double serverMs, double invocationMs, double operationMs, long invocations, DurableCounts durable) {
    /** A durable execution the target could not name (no execution ARN in the answer). */
    static final Measured UNKNOWN_EXECUTION = new Measured(RunRecord.NOT_AVAILABLE, RunRecord.NOT_AVAILABLE,
            RunRecord.NOT_AVAILABLE, RunRecord.NOT_AVAILABLE, new DurableCounts(0, RunRecord.NOT_AVAILABLE,
            RunRecord.NOT_AVAILABLE, RunRecord.NOT_AVAILABLE, RunRecord.NOT_AVAILABLE, RunRecord.NOT_AVAILABLE, 0, 0));

    static Measured baseline(double handlerMs, long invocations) {
        return baseline(handlerMs, handlerMs, invocations);
    }

    /** @param serverMs the run's requests' handler time; @param invocationMs that plus the chunk workers' */
    static Measured baseline(double serverMs, double invocationMs, long invocations) {
        return new Measured(serverMs, invocationMs, RunRecord.NOT_AVAILABLE, invocations, DurableCounts.NONE);
    }

    RunRecord record(RunSpec spec, int index, Instant start, double latency, boolean ok, String error,
                     long chunkRetries, Usage u, double encodeMs) {
        DurableCounts d = durable;
        return new RunRecord(spec.workload().name(), spec.variant(), spec.mode(), spec.experiment(), spec.chunks(),
                spec.failureRate(), spec.seed(), index, start.toString(), latency, serverMs, invocationMs,
                operationMs, encodeMs, ok, error.replace(',', ';'), chunkRetries, u.ddbRetries(), invocations,
                u.ddbCalls(), u.ddbByOperation(), u.rcu(), u.wcu(), u.s3Calls(), u.s3Gets(), u.s3Puts(),
                d.executions(), d.checkpointCalls(), d.operations(), d.updates(), d.payloadBytes(), 0,
                d.executions() > 0 ? d.maxOperations() : RunRecord.NOT_AVAILABLE,
                d.executions() > 0 ? d.maxPayloadBytes() : RunRecord.NOT_AVAILABLE);
    }

    /** A run that failed before anything could be measured but its latency. */
    static RunRecord unmeasured(RunSpec spec, int index, Instant start, double latencyMs, String error) {
        long na = RunRecord.NOT_AVAILABLE;
        return new RunRecord(spec.workload().name(), spec.variant(), spec.mode(), spec.experiment(), spec.chunks(),
                spec.failureRate(), spec.seed(), index, start.toString(), latencyMs, na, na, na, na, false, error, 0, 0,
                na, 0, Map.of(), 0, 0, 0, 0, 0, 0, na, na, na, na, 0);
    }
}
