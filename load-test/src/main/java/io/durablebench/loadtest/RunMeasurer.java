package io.durablebench.loadtest;

import io.durablebench.video.testbed.VideoTestBed;
import java.util.Map;
import java.util.Optional;

/**
 * Measures one run of a spec on a target: the workload sends and measures it; when the target's
 * stores are behind counting proxies and runs go one at a time, the run's DynamoDB and S3 calls are
 * the proxies' counts over the run: every invocation's, including earlier invocations of a replayed
 * durable execution, whose calls are in no answer. Otherwise they are the answers' counts.
 *
 * @param idPrefix prefix of counter ids, job ids and execution names, so that runs never collide with earlier ones
 */
record RunMeasurer(Target target, String idPrefix) {

    /** Checks that the target can run the spec before anything is measured. */
    void prepare(RunSpec spec) {
        spec.workload().prepare(spec, target);
    }

    /** One run; {@code runId} is unique within the experiment (warm-ups included). */
    RunRecord run(RunSpec spec, String runId, int index) {
        Optional<Target.WireCounts> wire = spec.concurrency() == 1 ? target.wire() : Optional.empty();
        Map<String, Long> ddbBefore = wire.map(Target.WireCounts::dynamoDb).orElse(Map.of());
        Map<String, Long> s3Before = wire.map(Target.WireCounts::s3).orElse(Map.of());
        RunRecord r = spec.workload().measure(spec, target, idPrefix + runId, index);
        if (wire.isEmpty()) {
            return r;
        }
        Map<String, Long> ddb = VideoTestBed.since(ddbBefore, wire.get().dynamoDb());
        Map<String, Long> s3 = VideoTestBed.since(s3Before, wire.get().s3());
        long s3Gets = s3.entrySet().stream().filter(e -> e.getKey().startsWith("GET ")).mapToLong(Map.Entry::getValue).sum();
        long s3Puts = s3.entrySet().stream().filter(e -> e.getKey().startsWith("PUT ")).mapToLong(Map.Entry::getValue).sum();
        return new RunRecord(r.workload(), r.variant(), r.mode(), r.experiment(), r.chunks(), r.failureRate(), r.seed(),
                r.run(), r.startTime(), r.latencyMs(), r.serverMs(), r.invocationMs(), r.operationMs(), r.encodeMs(), r.success(),
                r.error(), r.chunkRetries(), r.storeRetries(), r.invocations(),
                ddb.values().stream().mapToLong(Long::longValue).sum(), ddb, r.rcu(), r.wcu(),
                s3.values().stream().mapToLong(Long::longValue).sum(), s3Gets, s3Puts, r.executions(),
                r.checkpointCalls(), r.durableOperations(), r.operationUpdates(), r.checkpointBytes(), r.costUsd(),
                r.maxExecutionOperations(), r.maxExecutionBytes(), r.compensation());
    }
}
