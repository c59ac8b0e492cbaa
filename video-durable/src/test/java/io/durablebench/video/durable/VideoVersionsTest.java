package io.durablebench.video.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.durable.DurableHandler;
import io.durablebench.locallambda.function.FunctionCode;
import io.durablebench.model.video.FaultInjection;
import io.durablebench.video.testbed.JobChecks;
import io.durablebench.video.testbed.TestVideos;
import io.durablebench.video.testbed.VideoJobs;
import io.durablebench.video.testbed.VideoTestBed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;

/**
 * A deploy while video jobs wait in a chunk's retry delay (10 minutes here, so they certainly wait):
 * version 2 of the pipeline (a new step before validation) is published and {@code live} moved to
 * it, a new job runs version 2, and then the local Lambda is restarted on its data directory with time
 * skipping, so the waiting retries come due at once. The job started on version 1 finishes on
 * version 1's code with a verified output; the job started through {@code $LATEST}, whose code
 * changed under it, ends FAILED with the runtime's non-determinism error, writing no output.
 */
class VideoVersionsTest {
    static final String FUNCTION = "VideoDurableFunction";
    static final int CHUNKS = 2;

    private static String job(VideoTestBed bed, String jobId) {
        long seed = VideoJobs.seedWithFailures(0.5, jobId, CHUNKS, 1, 2);
        return VideoJobs.request(bed, jobId, "inputs/small.mp4", CHUNKS, "in-process",
                Map.of("faults", new FaultInjection(0.5, seed, null)));
    }

    private static List<Event> history(VideoTestBed bed, String arn) {
        return bed.history(arn);
    }

    /** Waits until a chunk attempt has failed and the invocation has ended: the job sits in the retry delay. */
    private static void awaitWaitingInRetryDelay(VideoTestBed bed, String arn) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> types = history(bed, arn).stream().map(Event::eventTypeAsString).toList();
            if (types.contains("StepFailed") && types.get(types.size() - 1).equals("InvocationCompleted")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(arn + " did not reach a retry delay within 120 s");
    }

    private static List<String> stepNames(VideoTestBed bed, String arn) {
        return history(bed, arn).stream().filter(e -> e.eventTypeAsString().equals("StepStarted"))
                .map(Event::name).distinct().toList();
    }

    private static GetDurableExecutionResponse awaitEnd(VideoTestBed bed, String arn) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            GetDurableExecutionResponse e = bed.lambda().client().getDurableExecution(b -> b.durableExecutionArn(arn));
            if (!e.statusAsString().equals("RUNNING")) {
                return e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(arn + " did not end within 180 s");
    }

    @Test
    void jobsWaitingInARetryDelayFinishOnTheirVersionAcrossADeployAndARestart(@TempDir Path data) throws Exception {
        Map<String, String> tenMinuteRetries = Map.of("VIDEO_CHUNK_RETRY_INITIAL_SECONDS", "600",
                "VIDEO_CHUNK_RETRY_MAX_SECONDS", "600");
        try (VideoTestBed bed = VideoTestBed.start(tenMinuteRetries, false, data)) {
            bed.upload("inputs/small.mp4", TestVideos.of(TestVideos.SMALL));
            String onV1 = bed.invokeAsync(FUNCTION + ":live", job(bed, "on-v1"), "on-v1");
            String onLatest = bed.invokeAsync(FUNCTION + ":$LATEST", job(bed, "on-latest"), "on-latest");
            assertThat(onV1).contains(":function:" + FUNCTION + ":1/durable-execution/");
            awaitWaitingInRetryDelay(bed, onV1);
            awaitWaitingInRetryDelay(bed, onLatest);

            Map<String, String> env = bed.lambda().service().baseEnvironment(FUNCTION);
            FunctionCode.Handlers v2 = FunctionCode.handlers("video-audited", () -> DurableHandler.withEnvironment(new AuditedVideoDurableHandler(), env));
            assertThat(bed.lambda().service().deploy(FUNCTION, v2).number()).isEqualTo("2");

            VideoTestBed.Invocation fresh = bed.invoke(FUNCTION + ":live",
                    VideoJobs.request(bed, "on-v2", "inputs/small.mp4", CHUNKS, "in-process", Map.of()), "on-v2");
            assertThat(fresh.failed()).as(fresh.payload()).isFalse();
            assertThat(fresh.executionArn()).contains(":function:" + FUNCTION + ":2/durable-execution/");
            assertThat(stepNames(bed, fresh.executionArn())).first().isEqualTo(AuditedVideoDurableHandler.AUDIT_STEP);
            assertThat(bed.lambda().client().getDurableExecution(b -> b.durableExecutionArn(onV1)).statusAsString())
                    .as("still in its 10-minute retry delay").isEqualTo("RUNNING");

            // a restart with time skipping: the retry delays come due at once
            bed.restartLambda(true, v2);
            GetDurableExecutionResponse one = awaitEnd(bed, onV1);
            assertThat(one.statusAsString()).as(String.valueOf(one.error())).isEqualTo("SUCCEEDED");
            JobChecks.verifiedOutput(bed, VideoTestBed.JSON.readTree(one.result()), "on-v1", TestVideos.SMALL, CHUNKS);
            assertThat(stepNames(bed, onV1)).as("finished on version 1's code")
                    .doesNotContain(AuditedVideoDurableHandler.AUDIT_STEP);

            GetDurableExecutionResponse latest = awaitEnd(bed, onLatest);
            assertThat(latest.statusAsString()).isEqualTo("FAILED");
            assertThat(latest.error().errorType()).endsWith("NonDeterministicExecutionException");
            assertThat(latest.error().errorMessage()).contains(AuditedVideoDurableHandler.AUDIT_STEP);
            assertThat(bed.keys("jobs/on-latest/")).as("no output from the wrong code")
                    .doesNotContain("jobs/on-latest/output.mp4");
        }
    }
}
