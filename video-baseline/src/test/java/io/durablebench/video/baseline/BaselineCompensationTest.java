package io.durablebench.video.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.video.CrashPoint;
import io.durablebench.model.video.FaultInjection;
import io.durablebench.video.testbed.JobChecks;
import io.durablebench.video.testbed.StoreCensus;
import io.durablebench.video.testbed.VideoBedTest;
import io.durablebench.video.testbed.VideoJobs;
import io.durablebench.video.testbed.VideoTestBed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
class BaselineCompensationTest extends VideoBedTest {
    static final String FUNCTION = "VideoBaselineFunction";
    static final int ATTEMPTS = 2;

    BaselineCompensationTest() {
        super(Map.of("VIDEO_JOB_LEASE_SECONDS", "2", "VIDEO_BUSY_POLL_MILLIS", "250",
                "VIDEO_CHUNK_MAX_ATTEMPTS", Integer.toString(ATTEMPTS), "VIDEO_SLICE_CHUNKS", "4",
                "VIDEO_POLL_MILLIS", "200"), false, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-process", "per-chunk-invocation"})
    void aJobThatFailsForGoodLeavesOnlyItsFailedJobItem(String fanOut) {
        failAndCheck(FUNCTION, "fails-" + fanOut, fanOut, 4, 4);
    }

    @Test
    void aPaperModeJobThatFailsForGoodLeavesOnlyItsFailedJobItem() {
        failAndCheck("VideoBaselinePaperFunction", "fails-paper", "in-process", 4, 4);
    }

    @Test
    void aJobInSlicesThatFailsForGoodLeavesOnlyItsFailedJobItem() {
        failAndCheck(FUNCTION, "fails-sliced", "in-process", 6, 6 + 2);
    }

    /** A job of {@code chunks} chunks that fails for good, then what it left: {@code otherItems} items deleted. */
    private void failAndCheck(String function, String jobId, String fanOut, int chunks, int otherItems) {
        StoreCensus before = StoreCensus.of(bed);
        VideoTestBed.Invocation r = bed.invoke(function, request(jobId, fanOut, chunks, null), null);
        assertThat(r.failed()).as(r.payload()).isFalse();
        checkLeftBehind(jobId, before, r.json(), otherItems);
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

        int chunks = (int) bed.putsPerKey().keySet().stream().filter(k -> k.startsWith("jobs/" + jobId + "/segments/"))
                .count();
        // one item per chunk and per slice deleted
        JobChecks.compensated(bed, answer, jobId, chunks, otherItems, "job item");
    }

    private Map<String, AttributeValue> jobItem(String jobId) {
        return bed.items("job#" + jobId).stream().filter(i -> i.get("sk").s().equals("job")).findFirst().orElseThrow();
    }
}
