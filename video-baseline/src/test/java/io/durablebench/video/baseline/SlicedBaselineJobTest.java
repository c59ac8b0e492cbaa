package io.durablebench.video.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.video.CrashPoint;
import io.durablebench.model.video.FaultInjection;
import io.durablebench.video.pipeline.CrashRule;
import io.durablebench.video.testbed.JobChecks;
import io.durablebench.video.testbed.TestVideos;
import io.durablebench.video.testbed.VideoBedTest;
import io.durablebench.video.testbed.VideoJobs;
import io.durablebench.video.testbed.VideoTestBed;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The baseline's jobs larger than one coordinator, in small: with slices of 2 chunks
 * ({@code VIDEO_SLICE_CHUNKS=2}, the durable side's setting too) a 5-chunk job is the job's
 * coordinator plus 3 slice coordinator invocations, each recording its chunks and its slice item.
 * DynamoDB calls are counted on the wire.
 */
class SlicedBaselineJobTest extends VideoBedTest {
    static final String FUNCTION = "VideoBaselineFunction";
    static final int SLICE = 2;

    SlicedBaselineJobTest() {
        super(limitsAnd(Map.of("VIDEO_SLICE_CHUNKS", Integer.toString(SLICE), "VIDEO_JOB_LEASE_SECONDS", "2",
                "VIDEO_BUSY_POLL_MILLIS", "250", "VIDEO_POLL_MILLIS", "100")), false, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-process", "per-chunk-invocation"})
    void fiveChunksInSlicesOfTwoAreThreeSliceCoordinators(String fanOut) {
        String jobId = "bsliced-" + fanOut;
        Map<String, Long> before = bed.wires().dynamoDb().requests();
        VideoTestBed.Invocation r = bed.invoke(FUNCTION, VideoJobs.request(bed, jobId, "inputs/small.mp4", 5, fanOut,
                Map.of()), null);
        assertThat(r.failed()).as(r.payload()).isFalse();
        Map<String, Long> ddb = VideoTestBed.since(before, bed.wires().dynamoDb().requests());
        JsonNode response = r.json();
        JobChecks.verifiedSlicedOutput(bed, response, jobId, TestVideos.SMALL, 5, SLICE);
        JobChecks.slicesRanOnce(response, "VideoBaselineSliceFunction", fanOut);
        Set<String> sliceInvocations = new HashSet<>();
        response.path("slices").forEach(s -> sliceInvocations.add(s.path("coordinator").path("requestId").asText()));
        assertThat(sliceInvocations).as("one slice coordinator invocation per slice").hasSize(3);
        // claim, 5 chunk DONE writes, 3 slice DONE writes, finish; with workers, each reads its chunk's
        // item first; Queries are polls (job: slice items; slices with workers: their chunk items)
        boolean workers = fanOut.equals("per-chunk-invocation");
        assertThat(ddb.get("PutItem")).isEqualTo(1);
        assertThat(ddb.get("UpdateItem")).isEqualTo(1 + 5 + 3);
        assertThat(ddb.getOrDefault("GetItem", 0L)).isEqualTo(workers ? 5 : 0);
        assertThat(ddb.get("Query")).isPositive();
        assertThat(ddb).hasSize(workers ? 4 : 3);
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
        slicedJobSurvivesThirtyPercentFailures(FUNCTION, "bsliced-faults", SLICE, null);
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
        // the chunks done before the crash are not encoded again
        JobChecks.writtenOnce(bed, jobId, "chunks", CrashRule.midEncodeChunks(5));
        assertThat(JobChecks.outputWrites(bed, jobId)).isEqualTo(1);
    }
}
