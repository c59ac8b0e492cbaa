package io.durablebench.video.durable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.video.CrashPoint;
import io.durablebench.model.video.FaultInjection;
import io.durablebench.video.testbed.ExecutionCost;
import io.durablebench.video.testbed.JobChecks;
import io.durablebench.video.testbed.StoreCensus;
import io.durablebench.video.testbed.VideoBedTest;
import io.durablebench.video.testbed.VideoJobs;
import io.durablebench.video.testbed.VideoTestBed;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A durable video job that fails for good (a chunk fails both of its 2 attempts) undoes its partial
 * work: the stores are read before and after (the bucket listed, the table scanned), and must hold
 * exactly what they held before; the answer's count of deleted objects must equal the distinct keys
 * the job wrote, as the S3 wire counter saw them. Jobs of more than 4 chunks run in slices here.
 */
class CompensationTest extends VideoBedTest {
    static final String FUNCTION = "VideoDurableFunction:live";
    static final int ATTEMPTS = 2;

    CompensationTest() {
        super(limitsAnd(Map.of("VIDEO_CHUNK_MAX_ATTEMPTS", Integer.toString(ATTEMPTS), "VIDEO_SLICE_CHUNKS", "4")), true,
                false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-process", "per-chunk-invocation"})
    void aJobThatFailsForGoodLeavesNoObjectAndNoItem(String fanOut) {
        failAndCompare("fails-" + fanOut, fanOut, 4, null);
    }

    @Test
    void aJobInSlicesThatFailsForGoodLeavesNoObjectAndNoItem() {
        failAndCompare("fails-sliced", "in-process", 6, null);
    }

    @Test
    void aCrashInTheMiddleOfTheCompensationIsReplayedAndTheCompensationFinished() {
        JsonNode answer = failAndCompare("fails-crash", "in-process", 4, CrashPoint.MID_COMPENSATION);
        assertThat(answer.path("compensation").path("objectsDeleted").asInt()).isPositive();
    }

    private JsonNode failAndCompare(String jobId, String fanOut, int chunks, CrashPoint crash) {
        long seed = VideoJobs.seedWithPermanentFailure(0.5, jobId, chunks, ATTEMPTS);
        FaultInjection faults = new FaultInjection(0.5, seed, crash);
        StoreCensus before = StoreCensus.of(bed);
        VideoTestBed.Invocation r = bed.invoke(FUNCTION, VideoJobs.request(bed, jobId, "inputs/small.mp4", chunks,
                fanOut, Map.of("faults", faults)), jobId);
        assertThat(r.failed()).as(r.payload()).isFalse();
        JsonNode answer = r.json();
        assertThat(answer.path("error").path("message").asText()).as(r.payload()).contains("failed");
        assertThat(answer.has("output")).isFalse();

        StoreCensus after = StoreCensus.of(bed);
        assertThat(after.objects()).as("objects after the failed job").isEqualTo(before.objects());
        assertThat(after.items()).as("table items after the failed job").isEqualTo(before.items());

        JobChecks.compensated(bed, answer, jobId, chunks, 0, "durable execution");

        ExecutionCost cost = ExecutionCost.of(bed, r.executionArn());
        assertThat(cost.failedInvocations()).as("invocations ended by the crash").isEqualTo(crash == null ? 0 : 1);
        return answer;
    }
}
