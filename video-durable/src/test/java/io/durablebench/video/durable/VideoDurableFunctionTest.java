package io.durablebench.video.durable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.video.CrashPoint;
import io.durablebench.model.video.FaultInjection;
import io.durablebench.video.testbed.ExecutionCost;
import io.durablebench.video.testbed.JobChecks;
import io.durablebench.video.testbed.TestVideos;
import io.durablebench.video.testbed.VideoBedTest;
import io.durablebench.video.testbed.VideoJobs;
import io.durablebench.video.testbed.VideoTestBed;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;

/**
 * The durable video function on the local Lambda service (DynamoDB Local and the local S3
 * beside it, started here), with real media: every test runs real jobs end to end. Waits and retry
 * delays are skipped (the service's clock jumps), so retries cost no test time.
 */
class VideoDurableFunctionTest extends VideoBedTest {
    static final String FUNCTION = "VideoDurableFunction:live";

    VideoDurableFunctionTest() {
        super(VideoJobs.LIMITS, true, true);
    }

    private VideoTestBed.Invocation run(String jobId, String request) {
        return bed.invoke(FUNCTION, request, jobId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-process", "per-chunk-invocation"})
    void tenSecondSourceInTenChunksGivesAVerifiedOutput(String fanOut) {
        String jobId = "ten-" + fanOut;
        VideoTestBed.Invocation r = run(jobId, VideoJobs.request(bed, jobId, "inputs/benchmark.mp4", 10, fanOut, Map.of()));
        assertThat(r.failed()).as(r.payload()).isFalse();
        JsonNode response = r.json();
        JobChecks.verifiedOutput(bed, response, jobId, TestVideos.BENCHMARK, 10);
        JobChecks.carriesMetrics(response, "VideoDurableFunction");
        assertThat(response.path("metrics").path("coordination").path("calls").asLong())
                .as("no DynamoDB: the log is the state").isZero();
        JsonNode durable = response.path("metrics").path("durable");
        assertThat(durable.path("checkpointCalls").asLong()).isPositive();
        assertThat(durable.path("operationUpdates").asLong()).isPositive();
        assertThat(durable.path("checkpointBytes").asLong()).isPositive();
        assertThat(durable.path("executedOperations").asLong() + durable.path("replayedOperations").asLong()).isPositive();

        ExecutionCost whole = ExecutionCost.of(bed, r.executionArn());
        if (fanOut.equals("per-chunk-invocation")) {
            assertThat(whole.executions()).as("the job and one chunk encoder execution per chunk").isEqualTo(11);
            for (JsonNode c : response.path("chunks")) {
                assertThat(c.path("worker").path("function").asText()).isEqualTo("VideoChunkEncoderFunction");
                assertThat(c.path("worker").path("blob").path("byOperation").path("PutObject").asLong()).isEqualTo(1);
                assertThat(c.path("worker").path("durable").path("checkpointCalls").asLong()).isPositive();
            }
        } else {
            assertThat(whole.executions()).isEqualTo(1);
            assertThat(whole.invocations()).isEqualTo(1);
            // one invocation: the answer's own counts are the whole execution's
            assertThat(durable.path("checkpointCalls").asLong()).isEqualTo(whole.checkpointCalls());
            assertThat(durable.path("operationUpdates").asLong()).isEqualTo(whole.updates());
            assertThat(durable.path("checkpointBytes").asLong()).isEqualTo(whole.payloadBytes());
            // every S3 call of the job was made by this one invocation: 4N + 3
            assertThat(response.path("metrics").path("blob").path("calls").asLong()).isEqualTo(43);
        }
        assertThat(bed.putsPerKey().keySet().stream().filter(k -> k.startsWith("jobs/" + jobId + "/")))
                .hasSize(21); // 10 segments, 10 chunks, 1 output
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-process", "per-chunk-invocation"})
    void survivesAThirtyPercentChunkFailureRate(String fanOut) {
        String jobId = "faults-" + fanOut;
        FaultInjection faults = VideoJobs.failures(0.3, jobId, 10, 3, 4);
        VideoTestBed.Invocation r = run(jobId, VideoJobs.request(bed, jobId, "inputs/small.mp4", 10, fanOut,
                Map.of("faults", faults)));
        assertThat(r.failed()).as(r.payload()).isFalse();
        JsonNode response = r.json();
        JobChecks.verifiedOutput(bed, response, jobId, TestVideos.SMALL, 10);
        JobChecks.faultsHandled(bed, response, jobId, faults, 10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void refusesBadInputAsAFailedExecutionAndLeavesNothingBehind(VideoJobs.BadInput bad) {
        bad.uploads().forEach(bed::upload);
        String name = bad.jobId() != null ? bad.jobId() : "bad-" + bad.name();
        VideoTestBed.Invocation r = run(name, bad.request());
        assertThat(r.failed()).as("a refused request FAILS the execution: " + r.payload()).isTrue();
        JsonNode error = r.json();
        assertThat(error.path("errorType").asText()).as(r.payload()).isEqualTo("InvalidInput");
        assertThat(error.path("errorMessage").asText()).startsWith(bad.field() + ": ").contains(bad.messagePart());
        assertThat(error.path("stackTrace").size()).as("no stack frames").isZero();
        assertThat(bed.lambda().client().getDurableExecution(b -> b.durableExecutionArn(r.executionArn())).status())
                .isEqualTo(ExecutionStatus.FAILED);
        if (bad.jobId() != null) {
            assertThat(bed.keys("jobs/" + bad.jobId() + "/")).isEmpty();
        }
        assertThat(bed.keys("jobs/")).allMatch(k -> !k.contains("/bad-") && !k.contains("/durable-bad-"));
        assertThat(bed.allItems()).isEmpty();
    }

    Stream<VideoJobs.BadInput> badInputs() {
        return VideoJobs.badInputs(bed.bucket(), "durable-bad").stream();
    }

    @Test
    void malformedJsonNeverReachesTheFunction() {
        org.junit.jupiter.api.Assertions.assertThrows(InvalidRequestContentException.class,
                () -> run("malformed", "{\"jobId\":"));
    }

    @Test
    void theSameJobTwiceIsOneExecutionWithOneAnswer() {
        String jobId = "twice";
        String request = VideoJobs.request(bed, jobId, "inputs/small.mp4", 4, "in-process", Map.of());
        VideoTestBed.Invocation first = run(jobId, request);
        Map<String, Long> putsAfterFirst = bed.putsPerKey();
        VideoTestBed.Invocation second = run(jobId, request);
        assertThat(second.executionArn()).isEqualTo(first.executionArn());
        assertThat(second.payload()).isEqualTo(first.payload());
        assertThat(bed.putsPerKey()).isEqualTo(putsAfterFirst);
        assertThat(ExecutionCost.of(bed, first.executionArn()).invocations()).isEqualTo(1);
    }

    /** Every crash point with threads, and mid-encode with per-chunk invocations. */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.durablebench.video.testbed.VideoJobs#crashCases")
    void recoversFromACrash(CrashPoint point, String fanOut) {
        String jobId = "crash-" + point.wireName() + "-" + fanOut;
        FaultInjection faults = new FaultInjection(0, 0, point);
        VideoTestBed.Invocation r = run(jobId, VideoJobs.request(bed, jobId, "inputs/small.mp4", 4, fanOut,
                Map.of("faults", faults)));
        assertThat(r.failed()).as(r.payload()).isFalse();
        JobChecks.verifiedOutput(bed, r.json(), jobId, TestVideos.SMALL, 4);
        ExecutionCost whole = ExecutionCost.of(bed, r.executionArn());
        // the crash ended one invocation; the service invoked the function again, which replayed the log
        assertThat(whole.failedInvocations()).isEqualTo(1);
        // the chunks done before the crash are not encoded again
        JobChecks.writtenOnce(bed, jobId, "chunks", JobChecks.chunksDoneBefore(point, 4));
        if (point != CrashPoint.AFTER_VALIDATE) {
            JobChecks.writtenOnce(bed, jobId, "segments", 4);
        }
        assertThat(JobChecks.outputWrites(bed, jobId)).isEqualTo(1);
    }
    @ParameterizedTest
    @ValueSource(strings = {"in-process", "per-chunk-invocation"})
    void chunksByDurationRescaledWithAConcurrencyLimit(String fanOut) {
        String jobId = "duration-" + fanOut;
        String request = VideoJobs.byDurationRescaled(bed, jobId, fanOut);
        VideoTestBed.Invocation r = run(jobId, request);
        assertThat(r.failed()).as(r.payload()).isFalse();
        JobChecks.verifiedOutput(bed, r.json(), jobId, TestVideos.SMALL, 4, 48, 32);
    }

}
