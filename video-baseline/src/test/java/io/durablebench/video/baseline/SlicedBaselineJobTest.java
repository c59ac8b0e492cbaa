package io.durablebench.video.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.video.CrashPoint;
import io.durablebench.model.video.FaultInjection;
import io.durablebench.video.pipeline.CrashRule;
import io.durablebench.video.testbed.JobChecks;
import io.durablebench.video.testbed.TestVideos;
import io.durablebench.video.testbed.VideoJobs;
import io.durablebench.video.testbed.VideoTestBed;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The baseline's jobs larger than one coordinator, in small: with slices of 2 chunks
 * ({@code VIDEO_SLICE_CHUNKS=2}, the durable side's setting too) a 5-chunk job is the job's
 * coordinator plus 3 slice coordinator invocations, each recording its chunks and its slice item.
 * DynamoDB calls are counted on the wire.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlicedBaselineJobTest {
    static final String FUNCTION = "VideoBaselineFunction";
    static final int SLICE = 2;
    VideoTestBed bed;

    @BeforeAll
    void start() {
        Map<String, String> env = new HashMap<>(VideoJobs.LIMITS);
        env.put("VIDEO_SLICE_CHUNKS", Integer.toString(SLICE));
        env.put("VIDEO_JOB_LEASE_SECONDS", "2");
        env.put("VIDEO_BUSY_POLL_MILLIS", "250");
        env.put("VIDEO_POLL_MILLIS", "100");
        bed = VideoTestBed.start(env, false);
        bed.upload("inputs/small.mp4", TestVideos.of(TestVideos.SMALL));
    }

    @AfterAll
    void stop() {
        bed.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-process", "per-chunk-invocation"})
    void fiveChunksInSlicesOfTwoAreThreeSliceCoordinators(String fanOut) {
        String jobId = "bsliced-" + fanOut;
        Map<String, Long> before = bed.dynamoWire().requests();
        VideoTestBed.Invocation r = bed.invoke(FUNCTION, VideoJobs.request(bed, jobId, "inputs/small.mp4", 5, fanOut,
                Map.of()), null);
        assertThat(r.failed()).as(r.payload()).isFalse();
        Map<String, Long> ddb = VideoTestBed.since(before, bed.dynamoWire().requests());
        JsonNode response = r.json();
        JobChecks.verifiedSlicedOutput(bed, response, jobId, TestVideos.SMALL, 5, SLICE);
        Set<String> sliceInvocations = new HashSet<>();
        for (JsonNode s : response.path("slices")) {
            assertThat(s.path("attempts").asLong()).isEqualTo(s.path("chunkCount").asLong());
            assertThat(s.path("coordinator").path("function").asText()).isEqualTo("VideoBaselineSliceFunction");
            sliceInvocations.add(s.path("coordinator").path("requestId").asText());
            assertThat(s.path("workerInvocations").asInt())
                    .isEqualTo(fanOut.equals("in-process") ? 0 : s.path("chunkCount").asInt());
        }
        assertThat(sliceInvocations).as("one slice coordinator invocation per slice").hasSize(3);
        // claim, 5 chunk DONE writes, 3 slice DONE writes, finish; Queries are polls (job: slice
        // items; slices with workers: their chunk items)
        assertThat(ddb.get("PutItem")).isEqualTo(1);
        assertThat(ddb.get("UpdateItem")).isEqualTo(1 + 5 + 3);
        assertThat(ddb.get("Query")).isPositive();
        assertThat(ddb.keySet()).containsOnly("PutItem", "UpdateItem", "Query");
        // the job's own reported calls: its claim, its finish and its polls; the slices' their own
        Map<String, Long> reported = new TreeMap<>();
        addCalls(reported, response.path("metrics"));
        for (JsonNode s : response.path("slices")) {
            addCalls(reported, s.path("coordinator"));
            addCalls(reported, s.path("workers"));
        }
        assertThat(reported).as("reported calls equal the calls on the wire").isEqualTo(ddb);
        assertThat(bed.items("job#" + jobId)).as("job, 5 chunk and 3 slice items").hasSize(9);
        assertThat(bed.putsPerKey().keySet().stream().filter(k -> k.startsWith("jobs/" + jobId + "/"))).hasSize(11);
    }

    private static void addCalls(Map<String, Long> into, JsonNode metrics) {
        metrics.path("coordination").path("byOperation").fields()
                .forEachRemaining(e -> into.merge(e.getKey(), e.getValue().asLong(), Long::sum));
    }

    @Test
    void survivesAThirtyPercentChunkFailureRateInSlices() {
        String jobId = "bsliced-faults";
        long seed = VideoJobs.seedWithFailures(0.3, jobId, 5, 2, 4);
        FaultInjection faults = new FaultInjection(0.3, seed, null);
        VideoTestBed.Invocation r = bed.invoke(FUNCTION, VideoJobs.request(bed, jobId, "inputs/small.mp4", 5,
                "in-process", Map.of("faults", faults)), null);
        assertThat(r.failed()).as(r.payload()).isFalse();
        JobChecks.verifiedSlicedOutput(bed, r.json(), jobId, TestVideos.SMALL, 5, SLICE);
        JobChecks.faultsHandledInSlices(bed, r.json(), jobId, faults, 5);
    }

    @Test
    void resumesAfterACrashMidEncodeOfASlicedJob() {
        String jobId = "bsliced-crash";
        String request = VideoJobs.request(bed, jobId, "inputs/small.mp4", 5, "in-process",
                Map.of("faults", new FaultInjection(0, 0, CrashPoint.MID_ENCODE)));
        VideoTestBed.Invocation crashed = bed.invoke(FUNCTION, request, null);
        assertThat(crashed.failed()).as(crashed.payload()).isTrue();
        assertThat(crashed.payload()).contains("InjectedCrash").contains("mid-encode");
        VideoTestBed.Invocation resumed = bed.invoke(FUNCTION, request, null);
        assertThat(resumed.failed()).as(resumed.payload()).isFalse();
        JobChecks.verifiedSlicedOutput(bed, resumed.json(), jobId, TestVideos.SMALL, 5, SLICE);
        Map<String, Long> wire = bed.s3Wire().requests();
        String base = "PUT /" + bed.bucket() + "/jobs/" + jobId + "/";
        for (int i = 0; i < CrashRule.midEncodeChunks(5); i++) {
            assertThat(wire.get(base + String.format("chunks/%04d.mp4", i))).as("chunk %d, done before the crash", i)
                    .isEqualTo(1);
        }
        assertThat(wire.get(base + "output.mp4")).isEqualTo(1);
    }
}
