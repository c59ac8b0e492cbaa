package io.durablebench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.local.LocalAws;
import io.durablebench.locallambda.durable.CrashSwitch;
import io.durablebench.model.json.StrictJson;
import io.durablebench.video.media.MediaLimits;
import io.durablebench.video.media.SyntheticVideoSpec;
import io.durablebench.video.media.VideoInfo;
import io.durablebench.video.media.VideoProbe;
import io.durablebench.video.testbed.TestVideos;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.Execution;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * The video pipeline killed at every step boundary, on both sides and in both fan-out modes: a small
 * source (2 s, 96x64, 24 frames) in a few chunks. Durable: the crash switch halts the service at each
 * checkpoint call of the job's executions (the chunk encoders' included). Baseline: the fault proxy
 * kills the service at each DynamoDB write. After the restart the same request is delivered again (a
 * durable job attaches to its execution by name; a baseline job is taken over once its lease, 3 s
 * here, has run out) and the output is decoded and checked.
 *
 * <p>Side effects are S3 PutObject calls per key, counted on the wire. An object written again after
 * the restart is a <em>duplicated completed step</em> if the work that wrote it had been recorded
 * before the crash: durable, the step that writes it ({@code plan} for segments, {@code
 * encode-chunk-i} for chunk i, {@code assemble} for the output) had a StepSucceeded event before the
 * crash; baseline, its chunk item was DONE (or the job SUCCEEDED, for the output). Rewrites of work
 * not yet recorded are re-executions both designs allow (at-least-once for unrecorded work) and are
 * reported in the detail, not as duplicates.
 */
public final class VideoCrashSweep {
    public static final SyntheticVideoSpec SOURCE = TestVideos.SMALL;
    public static final String SOURCE_KEY = "inputs/reliability-small.mp4";
    /** Baseline settings that let a crashed job be resumed within seconds (defaults: 60 s lease, 330 s lost worker). */
    public static final Map<String, String> ENVIRONMENT = Map.of("VIDEO_JOB_LEASE_SECONDS", "3",
            "CHUNK_WORKER_LOST_AFTER_SECONDS", "10");

    /** Which function and fan-out mode. */
    public enum Variant {
        DURABLE_IN_PROCESS("VideoDurableFunction:live", "in-process", true, "di"),
        DURABLE_PER_CHUNK("VideoDurableFunction:live", "per-chunk-invocation", true, "dp"),
        BASELINE_THREADS("VideoBaselineFunction", "in-process", false, "bt"),
        BASELINE_PER_CHUNK("VideoBaselineFunction", "per-chunk-invocation", false, "bp");

        final String function;
        final String fanOut;
        final boolean durable;
        /** In job ids, so two variants never share a job id (a durable name with another payload is refused). */
        final String code;

        Variant(String function, String fanOut, boolean durable, String code) {
            this.function = function;
            this.fanOut = fanOut;
            this.durable = durable;
            this.code = code;
        }

        public String label(int chunks) {
            return (durable ? "video durable, " : "video-baseline, ") + fanOut + ", " + chunks + " chunks";
        }
    }

    private VideoCrashSweep() {
    }

    public static SweepSummary run(CrashBed bed, Variant variant, int chunks, String tag, IntPredicate points,
                                   PrintStream progress) {
        String bucket = bed.stores().aws().bucketName("VideoBucket");
        bed.stores().aws().s3().client().putObject(b -> b.bucket(bucket).key(SOURCE_KEY), RequestBody.fromBytes(TestVideos.of(SOURCE)));
        String label = variant.label(chunks);
        bed.stores().dynamoProxy().disarm();
        bed.stores().dynamoProxy().resetCount();
        Job clean = Job.of(bed, variant, chunks, tag + "-clean");
        clean.start();
        Verdict cleanVerdict = clean.finish(null);
        if (!cleanVerdict.correct()) {
            throw new IllegalStateException(label + ": the run without a crash is already wrong: " + cleanVerdict);
        }
        long n = variant.durable ? bed.checkpointCalls(clean.executions()) : bed.stores().dynamoProxy().writes();
        progress.printf("%s: clean run made %d %s (%s)%n", label, n, variant.durable ? "checkpoint calls" : "DynamoDB writes",
                cleanVerdict.detail());
        List<CrashRun> runs = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            if (!points.test(k)) {
                continue;
            }
            for (boolean before : new boolean[] {true, false}) {
                String runId = tag + "-" + k + (before ? "b" : "a");
                Job job = Job.of(bed, variant, chunks, runId);
                boolean hit;
                String where;
                Recorded recorded;
                if (variant.durable) {
                    bed.armCrashSwitch(before ? CrashSwitch.Point.BEFORE : CrashSwitch.Point.AFTER, k, job.prefix());
                    job.start();
                    CrashBed.await(Duration.ofMinutes(3), () -> !bed.service().alive() || job.ended());
                    hit = !bed.service().alive() && bed.awaitHalt(Duration.ofSeconds(5));
                    where = (before ? "before" : "after") + " checkpoint " + k;
                    recorded = null; // read from the history after the restart (event timestamps)
                } else {
                    bed.stores().dynamoProxy().arm(k, before ? WriteFaultProxy.When.BEFORE : WriteFaultProxy.When.AFTER,
                            () -> bed.service().kill9());
                    job.start();
                    CrashBed.await(Duration.ofMinutes(3), () -> bed.stores().dynamoProxy().fired() != null || job.ended());
                    String fired = bed.stores().dynamoProxy().fired();
                    bed.stores().dynamoProxy().disarm();
                    hit = fired != null;
                    CrashBed.await(Duration.ofSeconds(30), () -> !hit || !bed.service().alive());
                    where = (before ? "before" : "after") + " write " + k + (hit ? " (" + fired + ")" : "");
                    recorded = hit ? job.baselineRecorded() : null;
                }
                Instant crashSeen = Instant.now();
                Map<String, Long> putsAtCrash = job.puts();
                bed.restartAfterCrash();
                Verdict v = job.finish(new CrashContext(hit, crashSeen, putsAtCrash, recorded));
                runs.add(new CrashRun(label, where, hit, v));
                progress.printf("  %-30s killed=%-5s finished=%-5s correct=%-5s dup=%d lost=%d %s%n", where, hit,
                        v.finished(), v.correct(), v.duplicated(), v.lost(), v.detail());
            }
        }
        return SweepSummary.of(label, n, runs);
    }

    /** What was recorded as done before the crash (baseline: from the table, read while the host was dead). */
    private record Recorded(Set<Integer> doneChunks, boolean jobSucceeded) {
    }

    private record CrashContext(boolean hit, Instant crashSeen, Map<String, Long> putsAtCrash, Recorded recorded) {
    }

    /**
     * The baseline's synchronous invocation: its answer is the job's, and the call dies with the host
     * (no answer then).
     */
    private static final class SyncCall {
        private volatile InvokeResponse answer;
        private volatile Thread caller;

        void start(String name, Supplier<InvokeResponse> invoke) {
            caller = new Thread(() -> {
                try {
                    answer = invoke.get();
                } catch (SdkClientException hostDied) {
                    answer = null;
                }
            }, name);
            caller.setDaemon(true);
            caller.start();
        }

        boolean ended() {
            return caller != null && !caller.isAlive();
        }

        /** The answer once the call has ended (waiting up to {@code timeout}); null if none or never started. */
        InvokeResponse await(Duration timeout) {
            if (caller == null) {
                return null;
            }
            try {
                caller.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return answer;
        }
    }

    /** One job of one run. */
    private record Job(CrashBed bed, Variant variant, int chunks, String jobId, String request, SyncCall call) {
        static Job of(CrashBed bed, Variant variant, int chunks, String runId) {
            String jobId = "v" + variant.code + "-" + runId + "-j";
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("jobId", jobId);
            r.put("source", Map.of("bucket", bed.stores().aws().bucketName("VideoBucket"), "key", SOURCE_KEY));
            r.put("chunkCount", chunks);
            r.put("fanOut", variant.fanOut);
            return new Job(bed, variant, chunks, jobId, StrictJson.write(r), new SyncCall());
        }

        /** The execution name prefix the crash switch watches (the job id is the execution name). */
        String prefix() {
            return jobId.substring(0, jobId.length() - 1);
        }

        void start() {
            if (variant.durable) {
                try {
                    bed.lambda().invoke(b -> b.functionName(variant.function).invocationType(InvocationType.EVENT)
                            .durableExecutionName(jobId).payload(SdkBytes.fromUtf8String(request)));
                } catch (SdkClientException cut) {
                    // halted while answering: finish() delivers again
                }
                return;
            }
            // The baseline is invoked synchronously (its answer is the job's); the call dies with the host.
            call.start("video-job-" + jobId, () -> bed.lambda().invoke(b -> b.functionName(variant.function)
                    .payload(SdkBytes.fromUtf8String(request))));
        }

        boolean ended() {
            if (variant.durable) {
                List<Execution> e = bed.executions("VideoDurableFunction", jobId);
                return !e.isEmpty() && !"RUNNING".equals(e.get(0).statusAsString());
            }
            return call.ended();
        }

        List<String> executions() {
            List<Execution> e = bed.executions("VideoDurableFunction", jobId);
            return e.isEmpty() ? List.of() : bed.withChildren(e.get(0).durableExecutionArn());
        }

        Map<String, Long> puts() {
            Map<String, Long> out = new TreeMap<>();
            String prefix = "PUT /" + bed.stores().aws().bucketName("VideoBucket") + "/jobs/" + jobId + "/";
            bed.stores().s3Wire().requests().forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    out.put(URLDecoder.decode(k.substring(prefix.length()), StandardCharsets.UTF_8), v);
                }
            });
            return out;
        }

        Recorded baselineRecorded() {
            String table = bed.stores().aws().resources().tableName("VideoJobTable");
            Set<Integer> done = new HashSet<>();
            boolean succeeded = false;
            for (Map<String, AttributeValue> item : bed.stores().aws().dynamoDbClient().query(b -> b.tableName(table)
                    .keyConditionExpression("pk = :pk").consistentRead(true)
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("job#" + jobId)))).items()) {
                String sk = item.get("sk").s();
                String status = item.containsKey("status") ? item.get("status").s() : "";
                if (sk.startsWith("chunk#") && "DONE".equals(status)) {
                    done.add(Integer.parseInt(sk.substring("chunk#".length())));
                }
                if (sk.equals("job") && "SUCCEEDED".equals(status)) {
                    succeeded = true;
                }
            }
            return new Recorded(done, succeeded);
        }

        /** Delivers the request again (as Lambda would after a crash), waits for the answer, checks it. */
        Verdict finish(CrashContext crash) {
            InvokeResponse r = call.await(Duration.ofMinutes(3));
            Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
            int deliveries = 0;
            while (r == null) {
                try {
                    deliveries++;
                    r = bed.lambda().invoke(b -> {
                        b.functionName(variant.function).payload(SdkBytes.fromUtf8String(request));
                        if (variant.durable) {
                            b.durableExecutionName(jobId);
                        }
                    });
                } catch (SdkClientException e) {
                    if (Instant.now().isAfter(deadline)) {
                        return Verdict.unfinished("no answer: " + e.getMessage());
                    }
                    CrashBed.await(Duration.ofMillis(500), () -> false);
                }
            }
            if (r.functionError() != null) {
                return new Verdict(false, false, 0, 1, "function error " + r.payload().asUtf8String());
            }
            JsonNode response = StrictJson.parse(r.payload().asUtf8String());
            List<String> problems = new ArrayList<>();
            if (response.has("error")) {
                problems.add("error " + response.path("error"));
            }
            long lost = 0;
            String outputKey = "jobs/" + jobId + "/output.mp4";
            try {
                LocalAws aws = bed.stores().aws();
                byte[] output = aws.s3().client().getObjectAsBytes(b -> b.bucket(aws.bucketName("VideoBucket"))
                        .key(outputKey)).asByteArray();
                VideoInfo decoded = VideoProbe.probe(output, MediaLimits.DEFAULT);
                if (decoded.frameCount() != SOURCE.frameCount()) {
                    problems.add("output has " + decoded.frameCount() + " frames, not " + SOURCE.frameCount());
                    lost = 1;
                }
            } catch (RuntimeException e) {
                problems.add("no readable output: " + e.getMessage());
                lost = 1;
            }
            if (response.path("frameCount").asInt() != SOURCE.frameCount() || response.path("chunks").size() != chunks) {
                problems.add("answer frames " + response.path("frameCount") + ", chunks " + response.path("chunks").size());
            }
            Map<String, Long> puts = puts();
            long duplicated = 0;
            long reExecuted = 0;
            if (crash == null) {
                duplicated = puts.values().stream().mapToLong(v -> v - 1).sum();
            } else {
                Set<String> completedBefore = variant.durable ? durableCompletedBefore(crash.crashSeen()) : Set.of();
                for (Map.Entry<String, Long> e : puts.entrySet()) {
                    long beforeCrash = crash.putsAtCrash().getOrDefault(e.getKey(), 0L);
                    long afterCrash = e.getValue() - beforeCrash;
                    if (beforeCrash > 1) {
                        duplicated += beforeCrash - 1; // written twice within one life: never allowed
                    }
                    if (beforeCrash == 0 || afterCrash == 0) {
                        continue;
                    }
                    boolean recordedDone = variant.durable ? completedBefore.contains(stepOf(e.getKey()))
                            : recordedBaseline(crash.recorded(), e.getKey());
                    if (recordedDone) {
                        duplicated += afterCrash;
                    } else {
                        reExecuted += afterCrash;
                    }
                }
            }
            boolean correct = problems.isEmpty() && duplicated == 0 && lost == 0;
            return new Verdict(true, correct, duplicated, lost, (problems.isEmpty() ? "output verified" : problems.toString())
                    + ", objects " + puts.size() + (reExecuted > 0 ? ", " + Verdict.REDONE + reExecuted + " puts" : "")
                    + (deliveries > 0 ? ", re-deliveries " + deliveries : ""));
        }

        /** Step names with a StepSucceeded event before {@code crash}, over the job's executions. */
        private Set<String> durableCompletedBefore(Instant crash) {
            Set<String> out = new HashSet<>();
            for (String arn : executions()) {
                for (Event e : bed.history(arn)) {
                    if (e.eventType() == EventType.STEP_SUCCEEDED && e.eventTimestamp().isBefore(crash)) {
                        out.add(e.name());
                    }
                }
            }
            return out;
        }

        /** The durable step that writes an object of the job ({@code segments/i}: plan; {@code chunks/i}: encode-chunk-i). */
        static String stepOf(String key) {
            if (key.startsWith("segments/")) {
                return "plan";
            }
            if (key.startsWith("chunks/")) {
                return "encode-chunk-" + Integer.parseInt(key.substring("chunks/".length(), key.indexOf('.')));
            }
            if (key.equals("output.mp4")) {
                return "assemble";
            }
            return key;
        }

        private static boolean recordedBaseline(Recorded recorded, String key) {
            if (recorded == null) {
                return false;
            }
            if (key.equals("output.mp4")) {
                return recorded.jobSucceeded();
            }
            if (key.startsWith("chunks/") || key.startsWith("segments/")) {
                int i = Integer.parseInt(key.substring(key.indexOf('/') + 1, key.indexOf('.')));
                return recorded.doneChunks().contains(i);
            }
            return false;
        }
    }

}
