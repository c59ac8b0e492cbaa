package io.durablebench.video.testbed;

import io.durablebench.model.json.StrictJson;
import io.durablebench.model.video.CrashPoint;
import io.durablebench.model.video.FaultInjection;
import io.durablebench.video.media.SyntheticVideoSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Request documents and expectations shared by the video functions' tests. */
public final class VideoJobs {
    private VideoJobs() {
    }

    /** A request: source {@code inputs/<key>} in the bed's bucket; {@code extra} fields added as they are. */
    public static String request(VideoTestBed bed, String jobId, String key, int chunkCount, String fanOut,
                                 Map<String, Object> extra) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("jobId", jobId);
        r.put("source", Map.of("bucket", bed.bucket(), "key", key));
        r.put("chunkCount", chunkCount);
        r.put("fanOut", fanOut);
        r.putAll(extra);
        return StrictJson.write(r);
    }

    /**
     * A job of {@code inputs/small.mp4} (24 frames at 12 fps) in 0.5 s chunks: 4 chunks of 6 frames,
     * at most 2 at a time, rescaled to 48x32.
     */
    public static String byDurationRescaled(VideoTestBed bed, String jobId, String fanOut) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("width", 48);
        target.put("height", 32);
        target.put("qp", 30);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("jobId", jobId);
        r.put("source", Map.of("bucket", bed.bucket(), "key", "inputs/small.mp4"));
        r.put("chunkDurationSeconds", 0.5);
        r.put("maxConcurrency", 2);
        r.put("target", target);
        r.put("fanOut", fanOut);
        return StrictJson.write(r);
    }

    /**
     * The attempt at which chunk {@code index} succeeds under {@code faults}: the first that does not
     * fail, by the rule's second implementation ({@link InjectedFailureRule}), not the functions' own code.
     */
    public static int expectedAttempts(FaultInjection faults, String jobId, int index) {
        return InjectedFailureRule.attemptsUntilSuccess(faults.chunkFailureProbability(), faults.seed(), jobId, index);
    }

    /** A seed for which at least {@code failing} of the first {@code chunks} chunks fail at least once, all within {@code maxAttempts}. */
    public static long seedWithFailures(double probability, String jobId, int chunks, int failing, int maxAttempts) {
        for (long seed = 1; seed < 10_000; seed++) {
            FaultInjection f = new FaultInjection(probability, seed, null);
            int failed = 0;
            boolean within = true;
            for (int i = 0; i < chunks; i++) {
                int a = expectedAttempts(f, jobId, i);
                failed += a > 1 ? 1 : 0;
                within &= a <= maxAttempts;
            }
            if (failed >= failing && within) {
                return seed;
            }
        }
        throw new IllegalStateException("no seed found");
    }

    /** Injected chunk failures at {@code probability} with a seed from {@link #seedWithFailures}. */
    public static FaultInjection failures(double probability, String jobId, int chunks, int failing, int maxAttempts) {
        return new FaultInjection(probability, seedWithFailures(probability, jobId, chunks, failing, maxAttempts), null);
    }

    /**
     * The crash cases both sides run, as (crash point, fan-out) for a parameterized test: every point
     * but the compensation's with threads, and mid-encode with per-chunk invocations.
     */
    public static Stream<Object[]> crashCases() {
        Stream<Object[]> threads = Arrays.stream(CrashPoint.values()).filter(p -> p != CrashPoint.MID_COMPENSATION)
                .map(p -> new Object[] {p, "in-process"});
        return Stream.concat(threads, Stream.<Object[]>of(new Object[] {CrashPoint.MID_ENCODE, "per-chunk-invocation"}));
    }

    /**
     * A seed for which, with at most {@code maxAttempts} attempts per chunk, at least one of the first
     * {@code chunks} chunks fails every attempt (the job fails for good) and at least one succeeds
     * (so the job has encoded chunks to undo), by the rule's second implementation.
     */
    public static long seedWithPermanentFailure(double probability, String jobId, int chunks, int maxAttempts) {
        for (long seed = 1; seed < 10_000; seed++) {
            FaultInjection f = new FaultInjection(probability, seed, null);
            int lost = 0;
            for (int i = 0; i < chunks; i++) {
                lost += expectedAttempts(f, jobId, i) > maxAttempts ? 1 : 0;
            }
            if (lost >= 1 && lost < chunks) {
                return seed;
            }
        }
        throw new IllegalStateException("no seed found");
    }

    /** A bad request, what it needs in the bucket, and the field its refusal must name. */
    public record BadInput(String name, String jobId, Map<String, byte[]> uploads, String request, String field,
                           String messagePart) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static final SyntheticVideoSpec TOO_LONG = new SyntheticVideoSpec(16, 16, 1, 61, 1, 26);
    /** Environment the bad-input cases assume: sources up to 1 MB and 60 s. */
    public static final Map<String, String> LIMITS = Map.of("VIDEO_MAX_SOURCE_BYTES", "1000000",
            "VIDEO_MAX_SOURCE_SECONDS", "60");

    /** Every kind of bad input the functions must refuse without leaving anything behind. */
    public static List<BadInput> badInputs(String bucket, String prefix) {
        String good = "inputs/" + prefix + "-good.mp4";
        Map<String, byte[]> goodUpload = Map.of(good, TestVideos.of(TestVideos.SMALL));
        // a job of the good upload, its other members to follow ("%s": the job id, see bad())
        String goodSource = "{\"jobId\":\"%s\",\"source\":{\"bucket\":\"" + bucket + "\",\"key\":\"" + good + "\"},";
        return List.of(
                bad(prefix, "unknown-field", Map.of(), goodSource + "\"chunkCount\":2,\"colour\":\"red\"}", "colour", "unknown field"),
                bad(prefix, "unknown-nested-field", goodUpload, "{\"jobId\":\"%s\",\"source\":{\"bucket\":\"" + bucket
                        + "\",\"key\":\"" + good + "\",\"version\":\"1\"},\"chunkCount\":2}", "source.version", "unknown field"),
                new BadInput("missing-job-id", null, Map.of(), "{\"source\":{\"bucket\":\"" + bucket + "\",\"key\":\""
                        + good + "\"},\"chunkCount\":2}", "jobId", "required"),
                new BadInput("path-like-job-id", null, Map.of(), "{\"jobId\":\"../etc\",\"source\":{\"bucket\":\""
                        + bucket + "\",\"key\":\"" + good + "\"},\"chunkCount\":2}", "jobId", ""),
                key(prefix, "dot-dot-key", bucket, "inputs/../secret.mp4", "'..'"),
                key(prefix, "absolute-key", bucket, "/inputs/a.mp4", "relative"),
                key(prefix, "empty-segment-key", bucket, "inputs//a.mp4", "empty path segment"),
                key(prefix, "backslash-key", bucket, "inputs\\\\a.mp4", "backslash"),
                key(prefix, "folder-key", bucket, "inputs/", "folder"),
                key(prefix, "key-outside-inputs", bucket, "jobs/other/output.mp4", "inputs/"),
                bad(prefix, "other-bucket", Map.of(), "{\"jobId\":\"%s\",\"source\":{\"bucket\":\"someone-elses-bucket\","
                        + "\"key\":\"" + good + "\"},\"chunkCount\":2}", "source.bucket", "reads sources only from bucket"),
                key(prefix, "missing-object", bucket, "inputs/" + prefix + "-nothing-here.mp4", "no object"),
                media(prefix, "corrupt", bucket, TestVideos.corrupt(), "frame"),
                media(prefix, "truncated", bucket, TestVideos.truncated(), ""),
                media(prefix, "wrong-codec", bucket, TestVideos.wrongCodec(), "only H.264"),
                media(prefix, "not-a-video", bucket, TestVideos.text(), ""),
                media(prefix, "empty-file", bucket, new byte[0], "empty"),
                media(prefix, "oversized", bucket, TestVideos.junk(1_000_001), "more than the limit of 1000000"),
                media(prefix, "too-long", bucket, TestVideos.of(TOO_LONG), "exceeds the limit of 60.000 s"),
                bad(prefix, "zero-chunks", goodUpload, goodSource + "\"chunkCount\":0}", "chunkCount", ""),
                bad(prefix, "too-many-chunks", goodUpload, goodSource + "\"chunkCount\":10001}", "chunkCount", ""),
                bad(prefix, "chunk-count-as-text", goodUpload, goodSource + "\"chunkCount\":\"10\"}", "chunkCount", ""),
                bad(prefix, "more-chunks-than-frames", goodUpload, goodSource + "\"chunkCount\":25}", "chunkCount", "only 24 frames"),
                bad(prefix, "count-and-duration", goodUpload, goodSource + "\"chunkCount\":2,\"chunkDurationSeconds\":1}",
                        "chunkDurationSeconds", "not both"),
                bad(prefix, "zero-concurrency", goodUpload, goodSource + "\"chunkCount\":2,\"maxConcurrency\":0}", "maxConcurrency", ""),
                bad(prefix, "unknown-fan-out", goodUpload, goodSource + "\"chunkCount\":2,\"fanOut\":\"threads\"}", "fanOut", "unknown value"),
                bad(prefix, "odd-width", goodUpload, goodSource + "\"chunkCount\":2,\"target\":{\"width\":95,\"height\":64}}",
                        "target.width", "even"),
                bad(prefix, "failure-probability-above-1", goodUpload, goodSource + "\"chunkCount\":2,\"faults\":{\"chunkFailureProbability\":1.5}}",
                        "faults.chunkFailureProbability", ""));
        // Malformed JSON and duplicate keys never reach a function: Lambda refuses such a payload
        // (InvalidRequestContentException); the strict reader refuses them too (shared-model tests).
    }

    private static BadInput bad(String prefix, String name, Map<String, byte[]> uploads, String template, String field,
                                String messagePart) {
        String jobId = prefix + "-" + name;
        return new BadInput(name, jobId, uploads, String.format(template, jobId), field, messagePart);
    }

    private static BadInput key(String prefix, String name, String bucket, String key, String messagePart) {
        String jobId = prefix + "-" + name;
        return new BadInput(name, jobId, Map.of(), "{\"jobId\":\"" + jobId + "\",\"source\":{\"bucket\":\"" + bucket
                + "\",\"key\":\"" + key + "\"},\"chunkCount\":2}", "source.key", messagePart);
    }

    private static BadInput media(String prefix, String name, String bucket, byte[] bytes, String messagePart) {
        String jobId = prefix + "-" + name;
        String key = "inputs/" + jobId + ".mp4";
        return new BadInput(name, jobId, Map.of(key, bytes), "{\"jobId\":\"" + jobId + "\",\"source\":{\"bucket\":\""
                + bucket + "\",\"key\":\"" + key + "\"},\"chunkCount\":2}", "source", messagePart);
    }
}
