package io.durablebench.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.counter.durable.CounterEntityClient;
import io.durablebench.counter.durable.EntityState;
import io.durablebench.model.counter.CounterOperation;
import io.durablebench.model.counter.CounterOperationResult;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.video.FaultInjection;
import io.durablebench.video.media.SyntheticVideo;
import io.durablebench.video.media.SyntheticVideoSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.Execution;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Runs one run of a workload on a target and measures it into a {@link RunRecord} (cost not yet
 * set). Store calls come from the functions' own answers (their meters count every DynamoDB and S3
 * call of the invocation; chunk workers' are in {@code chunks[i].worker}), durable counts from the
 * service (the execution and its children), so concurrent runs are measured apart.
 */
public final class Workloads {
    /** The template's durable functions: invoked through their {@code live} alias. */
    private static final Set<String> DURABLE = Set.of("CounterDurableFunction", "CounterEntityFunction",
            "VideoDurableFunction", "VideoChunkEncoderFunction", "VideoSliceFunction");
    /** The paper's Table 1 sequence: increment 1, increment 2, read, decrement 1 (final value 2). */
    static final List<CounterOperation> PAPER_SEQUENCE = List.of(CounterOperation.increment("op-1", 1),
            CounterOperation.increment("op-2", 2), CounterOperation.read("op-3"), CounterOperation.decrement("op-4", 1));
    static final long PAPER_FINAL_VALUE = 2;

    private final Target target;
    private final String idPrefix;
    private final Map<SyntheticVideoSpec, String> uploaded = new ConcurrentHashMap<>();

    /** @param idPrefix prefix of counter ids, job ids and execution names, so that runs never collide with earlier ones */
    public Workloads(Target target, String idPrefix) {
        this.target = target;
        this.idPrefix = idPrefix;
    }

    public static boolean isDurable(String logicalId) {
        return DURABLE.contains(logicalId);
    }

    /** Checks that the target can run the spec before anything is measured. */
    public void prepare(RunSpec spec) {
        if (spec.workload().equals("video")) {
            sourceKey(spec.source());
        }
        if (spec.workload().equals("noop") && target.noOpFunction().isEmpty()) {
            throw new IllegalArgumentException("the target has no no-op function");
        }
    }

    /**
     * One run; {@code runId} is unique within the experiment (warm-ups included). When the target's
     * stores are behind counting proxies and runs go one at a time, the run's DynamoDB and S3 calls are
     * the proxies' counts over the run: every invocation's, including earlier invocations of a
     * replayed durable execution, whose calls are in no answer. Otherwise they are the answers' counts.
     */
    public RunRecord run(RunSpec spec, String runId, int index) {
        Optional<Target.WireCounts> wire = spec.concurrency() == 1 ? target.wire() : Optional.empty();
        Map<String, Long> ddbBefore = wire.map(Target.WireCounts::dynamoDb).orElse(Map.of());
        Map<String, Long> s3Before = wire.map(Target.WireCounts::s3).orElse(Map.of());
        RunRecord r = measure(spec, runId, index);
        if (wire.isEmpty()) {
            return r;
        }
        Map<String, Long> ddb = since(ddbBefore, wire.get().dynamoDb());
        Map<String, Long> s3 = since(s3Before, wire.get().s3());
        long s3Gets = s3.entrySet().stream().filter(e -> e.getKey().startsWith("GET ")).mapToLong(Map.Entry::getValue).sum();
        long s3Puts = s3.entrySet().stream().filter(e -> e.getKey().startsWith("PUT ")).mapToLong(Map.Entry::getValue).sum();
        return new RunRecord(r.workload(), r.variant(), r.mode(), r.experiment(), r.chunks(), r.failureRate(), r.seed(),
                r.run(), r.startTime(), r.latencyMs(), r.serverMs(), r.invocationMs(), r.operationMs(), r.encodeMs(), r.success(),
                r.error(), r.chunkRetries(), r.storeRetries(), r.invocations(),
                ddb.values().stream().mapToLong(Long::longValue).sum(), ddb, r.rcu(), r.wcu(),
                s3.values().stream().mapToLong(Long::longValue).sum(), s3Gets, s3Puts, r.executions(),
                r.checkpointCalls(), r.durableOperations(), r.operationUpdates(), r.checkpointBytes(), r.costUsd(),
                r.maxExecutionOperations(), r.maxExecutionBytes());
    }

    /** {@code after - before} per key, unchanged keys left out. */
    private static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d != 0) {
                out.put(k, d);
            }
        });
        return out;
    }

    private RunRecord measure(RunSpec spec, String runId, int index) {
        return switch (spec.workload()) {
            case "counter-batch" -> counterBatch(spec, runId, index);
            case "counter-entity" -> counterEntity(spec, runId, index);
            case "video" -> video(spec, runId, index);
            case "noop" -> noOp(spec, index);
            default -> throw new IllegalArgumentException("unknown workload " + spec.workload());
        };
    }

    // ---- counter, batch mode (the paper's Table 1) ---------------------------------------------------

    private RunRecord counterBatch(RunSpec spec, String runId, int index) {
        String counterId = idPrefix + runId;
        String request = StrictJson.write(Map.of("counterId", counterId, "operations", PAPER_SEQUENCE));
        boolean durable = spec.variant().equals("durable");
        String fn = target.function(durable ? "CounterDurableFunction" : "CounterBaselineFunction");
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        InvokeResponse r = invoke(fn, request, durable ? counterId : null);
        double latency = (System.nanoTime() - t0) / 1e6;
        Answer a = Answer.of(r);
        boolean ok = a.ok() && a.json().path("finalValue").asLong() == PAPER_FINAL_VALUE;
        Usage u = Usage.of(a.json().path("metrics"));
        Measured m = durable ? durableSide(r.durableExecutionArn(), a) : Measured.baseline(u.handlerMs(), 1);
        return record(spec, index, start, latency, m, ok, a.errorOr(ok ? "" : "WrongValue"), 0, u);
    }

    // ---- counter, entity mode (beyond the paper): the same four operations as messages ---------------

    private RunRecord counterEntity(RunSpec spec, String runId, int index) {
        String counterId = idPrefix + runId;
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        if (spec.variant().equals("durable")) {
            String fn = target.function("CounterEntityFunction");
            CounterEntityClient sender = new CounterEntityClient(target.lambda(), fn, Duration.ofSeconds(120));
            long last = Long.MIN_VALUE;
            for (CounterOperation op : PAPER_SEQUENCE) {
                CounterOperationResult result = sender.send(counterId, op);
                last = result.value();
            }
            double latency = (System.nanoTime() - t0) / 1e6;
            boolean ok = last == PAPER_FINAL_VALUE;
            String arn = entityExecution(fn, counterId);
            DurableCounts c = target.durableCounts(arn);
            // the entity's execution stays open for the next message: no end, no server-side duration
            Measured m = new Measured(RunRecord.NOT_AVAILABLE, c.invocationMs(), c.operationMs(), c.invocations(), c);
            return record(spec, index, start, latency, m, ok, ok ? "" : "WrongValue", 0, Usage.NONE);
        }
        // baseline: one request per operation, as a sender of single messages would
        String fn = target.function("CounterBaselineFunction");
        Usage total = Usage.NONE;
        boolean ok = true;
        String error = "";
        long last = Long.MIN_VALUE;
        for (CounterOperation op : PAPER_SEQUENCE) {
            Answer a = Answer.of(invoke(fn, StrictJson.write(Map.of("counterId", counterId, "operations", List.of(op))),
                    null));
            ok &= a.ok();
            error = error.isEmpty() ? a.errorOr("") : error;
            last = a.json().path("finalValue").asLong();
            total = total.plus(Usage.of(a.json().path("metrics")));
        }
        double latency = (System.nanoTime() - t0) / 1e6;
        ok &= last == PAPER_FINAL_VALUE;
        Measured m = Measured.baseline(total.handlerMs(), PAPER_SEQUENCE.size());
        return record(spec, index, start, latency, m, ok, ok ? "" : error.isEmpty() ? "WrongValue" : error, 0, total);
    }

    private String entityExecution(String function, String counterId) {
        String name = EntityState.executionName(counterId, 1);
        List<Execution> found = target.lambda().listDurableExecutionsByFunction(r -> r.functionName(bareName(function))
                .durableExecutionName(name)).durableExecutions();
        return found.stream().filter(x -> name.equals(x.durableExecutionName())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no execution " + name)).durableExecutionArn();
    }

    /** "fn:alias" or a qualified ARN -> the function's name, as ListDurableExecutionsByFunction takes it. */
    static String bareName(String function) {
        if (function.startsWith("arn:")) {
            return function.split(":")[6];
        }
        int colon = function.indexOf(':');
        return colon < 0 ? function : function.substring(0, colon);
    }

    // ---- video --------------------------------------------------------------------------------------

    private RunRecord video(RunSpec spec, String runId, int index) {
        Target.VideoStore store = target.videoStore().orElseThrow();
        String key = sourceKey(spec.source());
        // The same job id on the durable and the optimized baseline side, so the injected failures (a
        // function of seed, job id, chunk and attempt) are the same on both; paper mode keeps its own
        // job items in the same table, hence its own ids.
        String jobId = idPrefix + runId;
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jobId", jobId);
        request.put("source", Map.of("bucket", store.bucket(), "key", key));
        request.put("chunkCount", spec.chunks());
        request.put("fanOut", spec.mode());
        if (spec.maxConcurrency() > 0) {
            request.put("maxConcurrency", spec.maxConcurrency());
        }
        if (spec.failureRate() > 0) {
            request.put("faults", new FaultInjection(spec.failureRate(), spec.seed(), null));
        }
        boolean durable = spec.variant().equals("durable");
        String fn = target.function(switch (spec.variant()) {
            case "durable" -> "VideoDurableFunction";
            case "baseline" -> "VideoBaselineFunction";
            case "baseline-paper" -> "VideoBaselinePaperFunction";
            default -> throw new IllegalArgumentException("unknown video variant " + spec.variant());
        });
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        InvokeResponse r = invoke(fn, StrictJson.write(request), durable ? jobId : null);
        double latency = (System.nanoTime() - t0) / 1e6;
        Answer a = Answer.of(r);
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
        boolean ok = a.ok() && chunksDone == spec.chunks() && a.json().path("frameCount").asInt() == spec.source().frameCount();
        // server time is the coordinator's handler; the workers run inside it and are billed on top
        Measured m = durable ? durableSide(r.durableExecutionArn(), a)
                : Measured.baseline(a.json().path("metrics").path("durationMs").asDouble(0), u.handlerMs(), 1 + workers);
        return record(spec, index, start, latency, m, ok, a.errorOr(ok ? "" : "IncompleteOutput"), retries, u, encodeMs);
    }

    /** The source's key in the bucket, uploading it the first time. */
    private String sourceKey(SyntheticVideoSpec source) {
        return uploaded.computeIfAbsent(source, s -> {
            Target.VideoStore store = target.videoStore().orElseThrow(() -> new IllegalArgumentException(
                    "the video workload needs the functions' bucket (endpoint target: --bucket and --s3-url)"));
            String key = String.format("inputs/loadtest-%dx%d-%dfps-%dframes-k%d.mp4", s.width(), s.height(), s.fps(),
                    s.frameCount(), s.keyInterval());
            store.upload(key, SyntheticVideo.generate(s));
            return key;
        });
    }

    // ---- no-op: the harness's own overhead ----------------------------------------------------------

    private RunRecord noOp(RunSpec spec, int index) {
        String fn = target.noOpFunction().orElseThrow();
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        InvokeResponse r = invoke(fn, "{}", null);
        double latency = (System.nanoTime() - t0) / 1e6;
        boolean ok = r.functionError() == null && r.payload().asUtf8String().equals("{}");
        return record(spec, index, start, latency, Measured.baseline(RunRecord.NOT_AVAILABLE, 1), ok,
                ok ? "" : "NoOpFailed", 0, Usage.NONE);
    }

    // ---- shared -------------------------------------------------------------------------------------

    private InvokeResponse invoke(String function, String payload, String executionName) {
        return target.lambda().invoke(b -> {
            b.functionName(function).payload(SdkBytes.fromUtf8String(payload));
            if (executionName != null) {
                b.durableExecutionName(executionName);
            }
        });
    }

    private Measured durableSide(String executionArn, Answer a) {
        if (executionArn == null) {
            return new Measured(RunRecord.NOT_AVAILABLE, RunRecord.NOT_AVAILABLE, RunRecord.NOT_AVAILABLE,
                    RunRecord.NOT_AVAILABLE, new DurableCounts(0, RunRecord.NOT_AVAILABLE, RunRecord.NOT_AVAILABLE,
                    RunRecord.NOT_AVAILABLE, RunRecord.NOT_AVAILABLE, RunRecord.NOT_AVAILABLE, 0, 0));
        }
        GetDurableExecutionResponse e = target.lambda().getDurableExecution(b -> b.durableExecutionArn(executionArn));
        double server = e.startTimestamp() != null && e.endTimestamp() != null
                ? Duration.between(e.startTimestamp(), e.endTimestamp()).toNanos() / 1e6 : RunRecord.NOT_AVAILABLE;
        DurableCounts c = target.durableCounts(executionArn);
        return new Measured(server, c.invocationMs(), c.operationMs(), c.invocations(), c);
    }

    private static RunRecord record(RunSpec spec, int index, Instant start, double latency, Measured m, boolean ok,
                                    String error, long chunkRetries, Usage u) {
        return record(spec, index, start, latency, m, ok, error, chunkRetries, u, RunRecord.NOT_AVAILABLE);
    }

    private static RunRecord record(RunSpec spec, int index, Instant start, double latency, Measured m, boolean ok,
                                    String error, long chunkRetries, Usage u, double encodeMs) {
        DurableCounts d = m.durable();
        return new RunRecord(spec.workload(), spec.variant(), spec.mode(), spec.experiment(), spec.chunks(),
                spec.failureRate(), spec.seed(), index, start.toString(), latency, m.serverMs(), m.invocationMs(),
                m.operationMs(), encodeMs, ok, error.replace(',', ';'), chunkRetries, u.ddbRetries(), m.invocations(),
                u.ddbCalls(), u.ddbByOperation(), u.rcu(), u.wcu(), u.s3Calls(), u.s3Gets(), u.s3Puts(),
                d.executions(), d.checkpointCalls(), d.operations(), d.updates(), d.payloadBytes(), 0,
                d.executions() > 0 ? d.maxOperations() : RunRecord.NOT_AVAILABLE,
                d.executions() > 0 ? d.maxPayloadBytes() : RunRecord.NOT_AVAILABLE);
    }

    /** A run that failed before anything could be measured but its latency. */
    static RunRecord unmeasured(RunSpec spec, int index, Instant start, double latencyMs, String error) {
        long na = RunRecord.NOT_AVAILABLE;
        return new RunRecord(spec.workload(), spec.variant(), spec.mode(), spec.experiment(), spec.chunks(),
                spec.failureRate(), spec.seed(), index, start.toString(), latencyMs, na, na, na, na, false, error, 0, 0, na,
                0, Map.of(), 0, 0, 0, 0, 0, 0, na, na, na, na, 0);
    }

    /** Timing and invocation figures of one run, and its durable counts (NONE on the baseline). */
    private record Measured(double serverMs, double invocationMs, double operationMs, long invocations,
                            DurableCounts durable) {
        static Measured baseline(double handlerMs, long invocations) {
            return baseline(handlerMs, handlerMs, invocations);
        }

        /** @param serverMs the run's requests' handler time; @param invocationMs that plus the chunk workers' */
        static Measured baseline(double serverMs, double invocationMs, long invocations) {
            return new Measured(serverMs, invocationMs, RunRecord.NOT_AVAILABLE, invocations, DurableCounts.NONE);
        }
    }

    /** A function's answer: its JSON (an empty object if it was not JSON) and its error, if any. */
    private record Answer(JsonNode json, String error) {
        static Answer of(InvokeResponse r) {
            String payload = r.payload() == null ? "" : r.payload().asUtf8String();
            JsonNode json;
            try {
                json = StrictJson.parse(payload);
            } catch (RuntimeException e) {
                json = StrictJson.mapper().createObjectNode();
            }
            String error = null;
            if (r.functionError() != null) {
                error = json.path("errorType").asText(r.functionError());
            } else if (json.has("error")) {
                error = json.path("error").path("type").asText("Error");
            }
            return new Answer(json, error);
        }

        boolean ok() {
            return error == null;
        }

        String errorOr(String otherwise) {
            return error == null ? otherwise : error;
        }
    }

    /** Store calls and handler time from the functions' metrics ({@code InvocationMetrics} JSON), summed. */
    record Usage(double handlerMs, long ddbCalls, Map<String, Long> ddbByOperation, long ddbRetries, double rcu,
                 double wcu, long s3Calls, long s3Gets, long s3Puts) {
        static final Usage NONE = new Usage(0, 0, Map.of(), 0, 0, 0, 0, 0, 0);

        static Usage of(JsonNode metrics) {
            JsonNode ddb = metrics.path("coordination");
            JsonNode s3 = metrics.path("blob");
            Map<String, Long> ops = new TreeMap<>();
            ddb.path("byOperation").fields().forEachRemaining(e -> ops.put(e.getKey(), e.getValue().asLong()));
            return new Usage(metrics.path("durationMs").asDouble(0), ddb.path("calls").asLong(0), ops,
                    ddb.path("retries").asLong(0), ddb.path("readCapacityUnits").asDouble(0),
                    ddb.path("writeCapacityUnits").asDouble(0), s3.path("calls").asLong(0),
                    s3.path("byOperation").path("GetObject").asLong(0), s3.path("byOperation").path("PutObject").asLong(0));
        }

        Usage plus(Usage o) {
            Map<String, Long> ops = new TreeMap<>(ddbByOperation);
            o.ddbByOperation.forEach((k, v) -> ops.merge(k, v, Long::sum));
            return new Usage(handlerMs + o.handlerMs, ddbCalls + o.ddbCalls, ops, ddbRetries + o.ddbRetries,
                    rcu + o.rcu, wcu + o.wcu, s3Calls + o.s3Calls, s3Gets + o.s3Gets, s3Puts + o.s3Puts);
        }
    }

}
