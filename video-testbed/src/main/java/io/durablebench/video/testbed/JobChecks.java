package io.durablebench.video.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.video.CrashPoint;
import io.durablebench.model.video.FaultInjection;
import io.durablebench.video.pipeline.CrashRule;
import io.durablebench.video.media.MediaLimits;
import io.durablebench.video.media.SyntheticVideoSpec;
import io.durablebench.video.media.VideoInfo;
import io.durablebench.video.media.VideoProbe;
import java.util.Map;

/** Checks the video functions' tests share, so both sides are held to the same standard. */
public final class JobChecks {
    private JobChecks() {
    }

    /**
     * The answer reports a verified output of {@code chunkCount} chunks covering the source, and the
     * stored output, decoded here independently of the function, has the source's frame count,
     * duration and size.
     */
    public static void verifiedOutput(VideoTestBed bed, JsonNode response, String jobId, SyntheticVideoSpec source,
                                      int chunkCount) {
        verifiedOutput(bed, response, jobId, source, chunkCount, source.width(), source.height());
    }

    /** The same, for an output rescaled to {@code width} x {@code height}. */
    public static void verifiedOutput(VideoTestBed bed, JsonNode response, String jobId, SyntheticVideoSpec source,
                                      int chunkCount, int width, int height) {
        storedOutput(bed, response, jobId, source, width, height);
        JsonNode chunks = response.path("chunks");
        assertThat(chunks.size()).isEqualTo(chunkCount);
        assertThat(response.has("slices")).as("a job of one slice lists its chunks").isFalse();
        int next = 0;
        for (int i = 0; i < chunkCount; i++) {
            JsonNode c = chunks.get(i);
            assertThat(c.path("index").asInt()).isEqualTo(i);
            assertThat(c.path("firstFrame").asInt()).isEqualTo(next);
            assertThat(c.path("objectKey").asText()).isEqualTo(String.format("jobs/%s/chunks/%04d.mp4", jobId, i));
            next += c.path("frameCount").asInt();
        }
        assertThat(next).isEqualTo(source.frameCount());
    }

    /**
     * A job run in slices of {@code sliceChunks}: the stored output verified as above, the answer
     * listing one entry per slice (consecutive, covering every chunk and every frame once), and one
     * stored chunk object per chunk.
     */
    public static void verifiedSlicedOutput(VideoTestBed bed, JsonNode response, String jobId,
                                            SyntheticVideoSpec source, int chunkCount, int sliceChunks) {
        storedOutput(bed, response, jobId, source, source.width(), source.height());
        assertThat(response.has("chunks")).as("a job in slices lists slices, not chunks: " + response).isFalse();
        JsonNode slices = response.path("slices");
        assertThat(slices.size()).isEqualTo((chunkCount + sliceChunks - 1) / sliceChunks);
        int nextChunk = 0;
        long frames = 0;
        for (int k = 0; k < slices.size(); k++) {
            JsonNode s = slices.get(k);
            assertThat(s.path("index").asInt()).isEqualTo(k);
            assertThat(s.path("firstChunk").asInt()).isEqualTo(nextChunk);
            assertThat(s.path("chunkCount").asInt()).isEqualTo(Math.min(sliceChunks, chunkCount - nextChunk));
            assertThat(s.path("attempts").asLong()).isGreaterThanOrEqualTo(s.path("chunkCount").asLong());
            assertThat(s.path("coordinator").path("requestId").asText()).as("the slice's own invocation").isNotEmpty();
            nextChunk += s.path("chunkCount").asInt();
            frames += s.path("frameCount").asLong();
        }
        assertThat(nextChunk).isEqualTo(chunkCount);
        assertThat(frames).isEqualTo(source.frameCount());
        java.util.List<String> stored = bed.keys("jobs/" + jobId + "/chunks/");
        assertThat(stored).hasSize(chunkCount);
        for (int i = 0; i < chunkCount; i++) {
            assertThat(stored.get(i)).isEqualTo(String.format("jobs/%s/chunks/%04d.mp4", jobId, i));
        }
    }

    /** The answer reports a verified output, and the stored output, decoded here, matches the source. */
    private static void storedOutput(VideoTestBed bed, JsonNode response, String jobId, SyntheticVideoSpec source,
                                     int width, int height) {
        assertThat(response.has("error")).as("error in %s", response).isFalse();
        assertThat(response.path("jobId").asText()).isEqualTo(jobId);
        assertThat(response.path("frameCount").asInt()).isEqualTo(source.frameCount());
        assertThat(response.path("durationSeconds").asDouble()).isEqualTo(source.durationSeconds());
        assertThat(response.path("width").asInt()).isEqualTo(width);
        assertThat(response.path("height").asInt()).isEqualTo(height);
        String key = response.path("output").path("key").asText();
        assertThat(key).isEqualTo("jobs/" + jobId + "/output.mp4");
        VideoInfo decoded = VideoProbe.probe(bed.download(key), MediaLimits.DEFAULT);
        assertThat(decoded.frameCount()).as("frames decoded from the stored output").isEqualTo(source.frameCount());
        assertThat(decoded.durationSeconds()).isEqualTo(source.durationSeconds());
        assertThat(decoded.width()).isEqualTo(width);
        assertThat(decoded.height()).isEqualTo(height);
    }

    /** The metrics every answer carries: latency, DynamoDB calls by operation, S3 calls by operation. */
    public static void carriesMetrics(JsonNode response, String function) {
        JsonNode m = response.path("metrics");
        assertThat(m.path("function").asText()).isEqualTo(function);
        assertThat(m.path("requestId").asText()).isNotEmpty();
        assertThat(m.path("durationMs").asDouble()).isPositive();
        for (String store : new String[] {"coordination", "blob"}) {
            JsonNode s = m.path(store);
            assertThat(s.isObject()).as(store + " in " + m).isTrue();
            long sum = 0;
            for (JsonNode v : s.path("byOperation")) {
                sum += v.asLong();
            }
            assertThat(s.path("calls").asLong()).as(store + " calls = sum by operation").isEqualTo(sum);
        }
    }

    /**
     * Under injected failures: every chunk took exactly the attempts the shared fault decision
     * prescribes, its object was written once (failed attempts write nothing), its segment read once
     * per attempt, and the output was assembled once (one write of it, one read of each chunk).
     */
    public static void faultsHandled(VideoTestBed bed, JsonNode response, String jobId, FaultInjection faults,
                                     int chunkCount) {
        for (int i = 0; i < chunkCount; i++) {
            assertThat(response.path("chunks").get(i).path("attempts").asInt()).as("attempts of chunk " + i)
                    .isEqualTo(VideoJobs.expectedAttempts(faults, jobId, i));
        }
        faultsHandledOnTheWire(bed, jobId, faults, chunkCount);
    }

    /**
     * The same for a job in slices: each slice reports the attempts its chunks took, as the shared
     * fault decision prescribes, and the wire shows each chunk written once and read once per attempt.
     */
    public static void faultsHandledInSlices(VideoTestBed bed, JsonNode response, String jobId, FaultInjection faults,
                                             int chunkCount) {
        for (JsonNode s : response.path("slices")) {
            long expected = 0;
            for (int i = s.path("firstChunk").asInt(); i < s.path("firstChunk").asInt() + s.path("chunkCount").asInt(); i++) {
                expected += VideoJobs.expectedAttempts(faults, jobId, i);
            }
            assertThat(s.path("attempts").asLong()).as("attempts of slice " + s.path("index")).isEqualTo(expected);
        }
        faultsHandledOnTheWire(bed, jobId, faults, chunkCount);
    }

    /**
     * Each slice of a job in slices took one attempt per chunk, ran in an invocation of
     * {@code coordinator}, and had one worker (or encoder) invocation per chunk with per-chunk
     * invocations, none in process.
     */
    public static void slicesRanOnce(JsonNode response, String coordinator, String fanOut) {
        for (JsonNode s : response.path("slices")) {
            assertThat(s.path("attempts").asLong()).isEqualTo(s.path("chunkCount").asLong());
            assertThat(s.path("coordinator").path("function").asText()).isEqualTo(coordinator);
            assertThat(s.path("workerInvocations").asInt())
                    .isEqualTo(fanOut.equals("in-process") ? 0 : s.path("chunkCount").asInt());
        }
    }

    /** How many of a job's {@code chunks} chunks a crash at {@code point} comes after (they were recorded done). */
    public static int chunksDoneBefore(CrashPoint point, int chunks) {
        return switch (point) {
            case AFTER_VALIDATE, AFTER_SPLIT -> 0;
            case MID_ENCODE -> CrashRule.midEncodeChunks(chunks);
            default -> chunks;
        };
    }

    /** The job's objects {@code <folder>/0000.mp4} to {@code count - 1} were each written once (PUTs on the wire). */
    public static void writtenOnce(VideoTestBed bed, String jobId, String folder, int count) {
        Map<String, Long> wire = bed.wires().s3().requests();
        String base = "PUT /" + bed.bucket() + "/jobs/" + jobId + "/" + folder + "/";
        for (int i = 0; i < count; i++) {
            assertThat(wire.get(base + String.format("%04d.mp4", i))).as("%s %d written once", folder, i).isEqualTo(1);
        }
    }

    /**
     * A failed job's answer reports its compensation: every object the job wrote deleted (the
     * distinct keys of its PUTs on the wire, more than its {@code chunks} segments: at least one chunk
     * was encoded), {@code itemsDeleted} table items, some store calls, and what it keeps first
     * mentioning {@code kept}.
     */
    public static void compensated(VideoTestBed bed, JsonNode answer, String jobId, int chunks, int itemsDeleted,
                                   String kept) {
        long written = bed.putsPerKey().keySet().stream().filter(k -> k.startsWith("jobs/" + jobId + "/")).count();
        assertThat(written).as("segments and at least one encoded chunk were written").isGreaterThan(chunks);
        JsonNode compensation = answer.path("compensation");
        assertThat(compensation.path("objectsDeleted").asLong()).isEqualTo(written);
        assertThat(compensation.path("itemsDeleted").asInt()).as("items deleted").isEqualTo(itemsDeleted);
        assertThat(compensation.path("storeCalls").asInt()).isPositive();
        assertThat(compensation.path("kept").get(0).asText()).contains(kept);
    }

    /** How many times the job's output was written (PUTs on the wire). */
    public static long outputWrites(VideoTestBed bed, String jobId) {
        return bed.wires().s3().requests().getOrDefault("PUT /" + bed.bucket() + "/jobs/" + jobId + "/output.mp4", 0L);
    }

    private static void faultsHandledOnTheWire(VideoTestBed bed, String jobId, FaultInjection faults, int chunkCount) {
        Map<String, Long> wire = bed.wires().s3().requests();
        String base = "/" + bed.bucket() + "/jobs/" + jobId + "/";
        for (int i = 0; i < chunkCount; i++) {
            int expected = VideoJobs.expectedAttempts(faults, jobId, i);
            String chunk = String.format("chunks/%04d.mp4", i);
            String segment = String.format("segments/%04d.mp4", i);
            assertThat(wire.getOrDefault("PUT " + base + chunk, 0L)).as("writes of chunk " + i).isEqualTo(1);
            assertThat(wire.getOrDefault("GET " + base + chunk, 0L)).as("reads of chunk " + i + " (assembly)").isEqualTo(1);
            assertThat(wire.getOrDefault("GET " + base + segment, 0L)).as("reads of segment " + i + " (one per attempt)")
                    .isEqualTo(expected);
        }
        assertThat(wire.getOrDefault("PUT " + base + "output.mp4", 0L)).as("assemblies (output writes)").isEqualTo(1);
    }
}
