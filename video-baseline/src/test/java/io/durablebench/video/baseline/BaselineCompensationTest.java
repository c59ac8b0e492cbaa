package io.durablebench.video.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.video.CrashPoint;
import io.durablebench.model.video.FaultInjection;
import io.durablebench.video.testbed.StoreCensus;
import io.durablebench.video.testbed.TestVideos;
import io.durablebench.video.testbed.VideoJobs;
import io.durablebench.video.testbed.VideoTestBed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A baseline video job that fails for good (a chunk fails both of its 2 attempts) undoes its partial
 * work: the stores are read before and after (the bucket listed, the table scanned) and must differ
 * by exactly the job item, FAILED with the answer; the answer's counts must equal the distinct keys
 * the job wrote (the S3 wire counter) and its items (one per chunk, one per slice). Killed in the
 * middle of the compensation (a crash point), the job is taken over by the same request again and
 * the compensation finished. Jobs of more than 4 chunks run in slices here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BaselineCompensationTest {
    static final String FUNCTION = "VideoBaselineFunction";
    static final int ATTEMPTS = 2;
    VideoTestBed bed;

    @BeforeAll
    void start() {
        bed = VideoTestBed.start(Map.of("VIDEO_JOB_LEASE_SECONDS", "2", "VIDEO_BUSY_POLL_MILLIS", "250",
                "VIDEO_CHUNK_MAX_ATTEMPTS", Integer.toString(ATTEMPTS), "VIDEO_SLICE_CHUNKS", "4",
                "VIDEO_POLL_MILLIS", "200"), false);
        bed.upload("inputs/small.mp4", TestVideos.of(TestVideos.SMALL));
    }

    @AfterAll
    void stop() {
        bed.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-process", "per-chunk-invocation"})
    void aJobThatFailsForGoodLeavesOnlyItsFailedJobItem(String fanOut) {
        String jobId = "fails-" + fanOut;
        String request = request(jobId, fanOut, 4, null);
        StoreCensus before = StoreCensus.of(bed);
        VideoTestBed.Invocation r = bed.invoke(FUNCTION, request, null);
        assertThat(r.failed()).as(r.payload()).isFalse();
        checkLeftBehind(jobId, before, r.json(), 4);
    }

    @Test
    void aPaperModeJobThatFailsForGoodLeavesOnlyItsFailedJobItem() {
        String jobId = "fails-paper";
        StoreCensus before = StoreCensus.of(bed);
        VideoTestBed.Invocation r = bed.invoke("VideoBaselinePaperFunction", request(jobId, "in-process", 4, null), null);
        assertThat(r.failed()).as(r.payload()).isFalse();
        checkLeftBehind(jobId, before, r.json(), 4);
    }

    @Test
    void aJobInSlicesThatFailsForGoodLeavesOnlyItsFailedJobItem() {
        String jobId = "fails-sliced";
        StoreCensus before = StoreCensus.of(bed);
        VideoTestBed.Invocation r = bed.invoke(FUNCTION, request(jobId, "in-process", 6, null), null);
        assertThat(r.failed()).as(r.payload()).isFalse();
        checkLeftBehind(jobId, before, r.json(), 6 + 2);
    }

    @Test
    void aCrashInTheMiddleOfTheCompensationIsResumedByTheSameRequest() {
        String jobId = "fails-crash";
        String request = request(jobId, "in-process", 4, CrashPoint.MID_COMPENSATION);
        StoreCensus before = StoreCensus.of(bed);
        VideoTestBed.Invocation crashed = bed.invoke(FUNCTION, request, null);
        assertThat(crashed.failed()).as(crashed.payload()).isTrue();
        assertThat(crashed.payload()).contains("InjectedCrash").contains("mid-compensation");
        // in the middle: the encoded chunks are gone, the segments and the chunk items not yet
        assertThat(bed.keys("jobs/" + jobId + "/chunks/")).isEmpty();
        assertThat(bed.keys("jobs/" + jobId + "/segments/")).hasSize(4);
        assertThat(bed.items("job#" + jobId)).hasSize(5);
        assertThat(jobItem(jobId).get("status").s()).isEqualTo("COMPENSATING");

        VideoTestBed.Invocation resumed = bed.invoke(FUNCTION, request, null);
        assertThat(resumed.failed()).as(resumed.payload()).isFalse();
        JsonNode answer = resumed.json();
        checkLeftBehind(jobId, before, answer, 4);

        // asked again: the stored answer, with the same compensation, and nothing written
        Map<String, Long> puts = bed.putsPerKey();
        VideoTestBed.Invocation again = bed.invoke(FUNCTION, request, null);
        assertThat(again.json().path("compensation")).isEqualTo(answer.path("compensation"));
        assertThat(bed.putsPerKey()).isEqualTo(puts);
    }

    private String request(String jobId, String fanOut, int chunks, CrashPoint crash) {
        long seed = VideoJobs.seedWithPermanentFailure(0.5, jobId, chunks, ATTEMPTS);
        return VideoJobs.request(bed, jobId, "inputs/small.mp4", chunks, fanOut,
                Map.of("faults", new FaultInjection(0.5, seed, crash)));
    }

    private void checkLeftBehind(String jobId, StoreCensus before, JsonNode answer, int otherItems) {
        assertThat(answer.path("error").path("message").asText()).as(answer.toString()).contains("failed");
        StoreCensus after = StoreCensus.of(bed);
        assertThat(after.objects()).as("objects after the failed job").isEqualTo(before.objects());
        assertThat(after.itemsAddedSince(before)).as("what a failed job keeps").isEqualTo(List.of("job#" + jobId + "|job"));
        assertThat(before.itemsAddedSince(after)).isEmpty();
        Map<String, AttributeValue> job = jobItem(jobId);
        assertThat(job.get("status").s()).isEqualTo("FAILED");
        assertThat(job.get("response").s()).contains("\"compensation\"");

        long written = bed.putsPerKey().keySet().stream().filter(k -> k.startsWith("jobs/" + jobId + "/")).count();
        int chunks = (int) bed.putsPerKey().keySet().stream().filter(k -> k.startsWith("jobs/" + jobId + "/segments/"))
                .count();
        assertThat(written).as("segments and at least one encoded chunk were written").isGreaterThan(chunks);
        JsonNode compensation = answer.path("compensation");
        assertThat(compensation.path("objectsDeleted").asLong()).isEqualTo(written);
        assertThat(compensation.path("itemsDeleted").asInt()).as("one item per chunk and per slice")
                .isEqualTo(otherItems);
        assertThat(compensation.path("storeCalls").asInt()).isPositive();
        assertThat(compensation.path("kept").get(0).asText()).contains("job item");
    }

    private Map<String, AttributeValue> jobItem(String jobId) {
        return bed.items("job#" + jobId).stream().filter(i -> i.get("sk").s().equals("job")).findFirst().orElseThrow();
    }
}
