package io.durablebench.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.video.FaultInjection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The paper's Table 2: one transcoding job per run, on the durable pipeline, our baseline, or the
 * paper's polling baseline. The spec chooses fan-out (the {@code mode}), chunks, source, chunks at a
 * time and injected failures.
 */
final class VideoWorkload extends Workload {
    static final String IN_PROCESS = "in-process";
    static final String PER_CHUNK_INVOCATION = "per-chunk-invocation";

    VideoWorkload() {
        super("video", "v", IN_PROCESS, Variants.DURABLE, "VideoDurableFunction",
                Variants.BASELINE, "VideoBaselineFunction", Variants.BASELINE_PAPER, "VideoBaselinePaperFunction");
    }

    @Override
    public String detail(RunSpec spec) {
        return " " + spec.mode() + " " + spec.chunks() + "ch";
    }

    @Override
    public void prepare(RunSpec spec, Target target) {
        store(target).sourceKey(spec.source());
    }

    private static VideoStore store(Target target) {
        return target.videoStore().orElseThrow(() -> new IllegalArgumentException(
                "the video workload needs the functions' bucket (endpoint target: --bucket and --s3-url)"));
    }

    @Override
    public RunRecord measure(RunSpec spec, Target target, String jobId, int index) {
        VideoStore store = store(target);
        // The same job id on the durable and the optimized baseline side, so the injected failures (a
        // function of seed, job id, chunk and attempt) are the same on both; paper mode keeps its own
        // job items in the same table, hence its own ids.
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jobId", jobId);
        request.put("source", Map.of("bucket", store.bucket(), "key", store.sourceKey(spec.source())));
        request.put("chunkCount", spec.chunks());
        request.put("fanOut", spec.mode());
        if (spec.maxConcurrency() > 0) {
            request.put("maxConcurrency", spec.maxConcurrency());
        }
        if (spec.failureRate() > 0) {
            request.put("faults", new FaultInjection(spec.failureRate(), spec.seed(), null));
        }
        boolean durable = spec.variant().equals(Variants.DURABLE);
        Invocation call = target.invoke(function(spec.variant()), StrictJson.write(request), durable ? jobId : null);
        Answer a = Answer.of(call.response());
        JsonNode chunks = a.json().path("chunks");
        JsonNode slices = a.json().path("slices");
        Usage u = Usage.of(a.json().path("metrics"));
        long retries = 0;
        int workers = 0;
        long chunksDone = chunks.size();
        double encodeMs = chunks.isEmpty() && slices.isEmpty() ? RunRecord.NOT_AVAILABLE : 0;
        for (JsonNode c : chunks) {
            retries += Math.max(0, c.path("attempts").asInt() - 1);
            encodeMs += c.path("encodeMillis").asDouble(0);
            if (c.hasNonNull("worker")) {
                u = u.plus(Usage.of(c.path("worker")));
                workers++;
            }
        }
        // a job in slices answers per slice: the slice's chunks added up, its own invocation and its workers'
        for (JsonNode sl : slices) {
            chunksDone += sl.path("chunkCount").asLong();
            retries += Math.max(0, sl.path("attempts").asLong() - sl.path("chunkCount").asLong());
            encodeMs += sl.path("encodeMillis").asDouble(0);
            u = u.plus(Usage.of(sl.path("coordinator"))).plus(Usage.of(sl.path("workers")));
            workers += 1 + sl.path("workerInvocations").asInt();
        }
        boolean ok = a.ok() && chunksDone == spec.chunks()
                && a.json().path("frameCount").asInt() == spec.source().frameCount();
        // server time is the coordinator's handler; the workers run inside it and are billed on top
        Measured m = durable ? target.durableSide(call.response().durableExecutionArn())
                : Measured.baseline(a.json().path("metrics").path("durationMs").asDouble(0), u.handlerMs(), 1 + workers);
        return m.record(spec, index, call.started(), call.latencyMs(), ok, a.errorOr(ok ? "" : "IncompleteOutput"),
                retries, u, encodeMs);
    }
}
