package io.durablebench.video.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.model.video.CrashPoint;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.video.FaultInjection;
import io.durablebench.model.video.VideoRequest;
import io.durablebench.video.media.MediaLimits;
import io.durablebench.video.media.SyntheticVideoSpec;
import io.durablebench.video.media.VideoProbe;
import io.durablebench.video.pipeline.CrashRule;
import io.durablebench.video.pipeline.JobPlan;
import io.durablebench.video.pipeline.VideoStages;
import io.durablebench.video.testbed.JobChecks;
import io.durablebench.video.testbed.TestVideos;
import io.durablebench.video.testbed.VideoBedTest;
import io.durablebench.video.testbed.VideoJobs;
import io.durablebench.video.testbed.VideoTestBed;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * The baseline video function and its chunk worker on the local Lambda service, with DynamoDB Local
 * and the local S3 (started here), on real media. Store calls are checked twice: in the answers
 * (the functions' own meters) and on the wire (counting proxies in front of DynamoDB and S3).
 */
class VideoBaselineFunctionTest extends VideoBedTest {
    static final String FUNCTION = "VideoBaselineFunction";
    static final String PAPER = "VideoBaselinePaperFunction";

    VideoBaselineFunctionTest() {
        super(VideoJobs.LIMITS, false, true);
    }

    /** The stores under the functions: DynamoDB Local and the local S3 here, LocalStack in {@link VideoBaselineLocalStackTest}. */
    String stores() {
        return "local";
    }

    @Override
    protected VideoTestBed start(Map<String, String> environment, boolean skipTime) {
        return VideoTestBed.start(environment, skipTime, stores());
    }

    /** One job's answer and the DynamoDB calls seen on the wire while it ran. */
    record Run(VideoTestBed.Invocation invocation, Map<String, Long> dynamoDb, Map<String, Long> s3) {
        JsonNode json() {
            return invocation.json();
        }
    }

    private Run run(String function, String request) {
        Map<String, Long> ddb = bed.wires().dynamoDb().requests();
        Map<String, Long> s3 = bed.wires().s3().requests();
        VideoTestBed.Invocation r = bed.invoke(function, request, null);
        return new Run(r, VideoTestBed.since(ddb, bed.wires().dynamoDb().requests()), VideoTestBed.since(s3, bed.wires().s3().requests()));
    }

    private static long total(Map<String, Long> calls) {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The answer's own DynamoDB calls plus those its workers reported, by operation. */
    private static Map<String, Long> reportedDynamoDb(JsonNode response) {
        Map<String, Long> out = new java.util.TreeMap<>();
        response.path("metrics").path("coordination").path("byOperation").fields()
                .forEachRemaining(e -> out.merge(e.getKey(), e.getValue().asLong(), Long::sum));
        for (JsonNode c : response.path("chunks")) {
            c.path("worker").path("coordination").path("byOperation").fields()
                    .forEachRemaining(e -> out.merge(e.getKey(), e.getValue().asLong(), Long::sum));
        }
        return out;
    }

    private static long reportedS3Calls(JsonNode response) {
        long calls = response.path("metrics").path("blob").path("calls").asLong();
        for (JsonNode c : response.path("chunks")) {
            calls += c.path("worker").path("blob").path("calls").asLong();
        }
        return calls;
    }

    /**
     * A job of {@code chunks} chunks of the source at {@code key} without faults, run by {@code function}:
     * not a function error, its output verified, its answer carrying the function's metrics.
     */
    private Run verifiedRun(String function, String jobId, String key, SyntheticVideoSpec source, int chunks,
                            String fanOut) {
        Run run = run(function, VideoJobs.request(bed, jobId, key, chunks, fanOut, Map.of()));
        assertThat(run.invocation().failed()).as(run.invocation().payload()).isFalse();
        JobChecks.verifiedOutput(bed, run.json(), jobId, source, chunks);
        JobChecks.carriesMetrics(run.json(), function);
        return run;
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-process", "per-chunk-invocation"})
    void tenSecondSourceInTenChunksGivesAVerifiedOutput(String fanOut) {
        String jobId = "ten-" + fanOut;
        Run run = verifiedRun(FUNCTION, jobId, BENCHMARK_SOURCE, TestVideos.BENCHMARK, 10, fanOut);
        JsonNode response = run.json();
        assertThat(response.path("metrics").has("durable")).isFalse();
        // what the functions reported is what crossed the wire
        assertThat(reportedDynamoDb(response)).isEqualTo(run.dynamoDb());
        assertThat(reportedS3Calls(response)).isEqualTo(total(run.s3())).isEqualTo(43); // 4N + 3
        if (fanOut.equals("in-process")) {
            // claim, one DONE write per chunk, finish: N + 2
            assertThat(run.dynamoDb()).isEqualTo(Map.of("PutItem", 1L, "UpdateItem", 11L));
        } else {
            // claim and finish by the coordinator, one read of its item and one DONE write by each worker,
            // and the coordinator's polls
            assertThat(run.dynamoDb()).containsEntry("PutItem", 1L).containsEntry("UpdateItem", 11L)
                    .containsEntry("GetItem", 10L).containsKey("Query").hasSize(4);
            for (JsonNode c : response.path("chunks")) {
                assertThat(c.path("worker").path("function").asText()).isEqualTo("VideoChunkWorkerFunction");
                assertThat(c.path("worker").path("coordination").path("byOperation"))
                        .isEqualTo(VideoTestBed.JSON.valueToTree(Map.of("GetItem", 1, "UpdateItem", 1)));
                assertThat(c.path("worker").path("blob").path("byOperation").path("PutObject").asLong()).isEqualTo(1);
            }
        }
        assertThat(bed.items("job#" + jobId)).hasSize(11); // the job and its 10 chunks
    }

    /**
     * Lambda retries an asynchronous event whose invocation died with its host, under the same
     * request id, also when that invocation had recorded its chunk DONE before it died. The worker
     * delivered the same event again after its chunk is DONE reads the chunk's item and stops: no
     * segment read, no chunk written, no DynamoDB write (counted on the wire).
     */
    @Test
    void aChunkWorkerDeliveredAgainAfterItsChunkIsDoneNeitherEncodesNorWrites() {
        String jobId = "worker-again";
        String json = VideoJobs.request(bed, jobId, "inputs/small.mp4", 2, "per-chunk-invocation", Map.of());
        Run job = run(FUNCTION, json);
        assertThat(job.invocation().failed()).as(job.invocation().payload()).isFalse();
        JobChecks.verifiedOutput(bed, job.json(), jobId, TestVideos.SMALL, 2);
        String chunkKey = "jobs/" + jobId + "/chunks/0000.mp4";
        assertThat(bed.putsPerKey().get(chunkKey)).isEqualTo(1);

        VideoRequest request = VideoRequest.parse(json);
        JobPlan plan = VideoStages.plan(request, VideoProbe.probe(bed.download("inputs/small.mp4"), MediaLimits.DEFAULT));
        String event = StrictJson.write(new WorkerTask(VideoStages.task(request, plan, 0), 1, Coordination.OPTIMIZED));
        Run again = run("VideoChunkWorkerFunction", event);

        assertThat(again.invocation().failed()).as(again.invocation().payload()).isFalse();
        assertThat(again.s3()).as("neither the segment read nor the chunk written again").isEmpty();
        assertThat(bed.putsPerKey().get(chunkKey)).isEqualTo(1);
        assertThat(again.dynamoDb()).as("one read of the chunk's item, no write").isEqualTo(Map.of("GetItem", 1L));
        assertThat(again.json().path("outcome").asText()).isEqualTo("already-done");
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-process", "per-chunk-invocation"})
    void survivesAThirtyPercentChunkFailureRate(String fanOut) {
        String jobId = "faults-" + fanOut;
        FaultInjection faults = VideoJobs.failures(0.3, jobId, 10, 3, 3);
        Run run = run(FUNCTION, VideoJobs.request(bed, jobId, "inputs/small.mp4", 10, fanOut, Map.of("faults", faults)));
        assertThat(run.invocation().failed()).as(run.invocation().payload()).isFalse();
        JsonNode response = run.json();
        JobChecks.verifiedOutput(bed, response, jobId, TestVideos.SMALL, 10);
        JobChecks.faultsHandled(bed, response, jobId, faults, 10);
        long failedAttempts = 0;
        for (int i = 0; i < 10; i++) {
            failedAttempts += VideoJobs.expectedAttempts(faults, jobId, i) - 1;
        }
        assertThat(failedAttempts).isGreaterThanOrEqualTo(3);
        // every failed attempt is one more chunk-record write: retries are tracked in the records
        long claimAndFinish = 2;
        assertThat(run.dynamoDb().get("UpdateItem") + run.dynamoDb().get("PutItem"))
                .isEqualTo(claimAndFinish + 10 + failedAttempts);
        assertThat(reportedDynamoDb(response)).isEqualTo(run.dynamoDb());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void refusesBadInputAndLeavesNothingBehind(VideoJobs.BadInput bad) {
        bad.uploads().forEach(bed::upload);
        Run run = run(FUNCTION, bad.request());
        assertThat(run.invocation().failed()).as(run.invocation().payload()).isFalse();
        JsonNode error = run.json().path("error");
        assertThat(error.path("type").asText()).as(run.invocation().payload()).isEqualTo("InvalidInput");
        assertThat(error.path("field").asText()).isEqualTo(bad.field());
        assertThat(error.path("message").asText()).contains(bad.messagePart());
        JobChecks.carriesMetrics(run.json(), FUNCTION);
        if (bad.jobId() != null) {
            assertThat(run.json().path("jobId").asText()).isEqualTo(bad.jobId());
            assertThat(bed.keys("jobs/" + bad.jobId() + "/")).isEmpty();
            assertThat(bed.items("job#" + bad.jobId())).isEmpty();
        }
        assertThat(run.s3()).allSatisfy((k, v) -> assertThat(k).startsWith("GET "));
        // refused before the claim: no DynamoDB call at all, for a bad document or a bad source
        assertThat(run.dynamoDb()).isEmpty();
    }

    Stream<VideoJobs.BadInput> badInputs() {
        return VideoJobs.badInputs(bed.bucket(), "baseline-bad").stream();
    }

    @Test
    void theSameJobTwiceIsDoneOnceAndAnsweredTheSame() {
        String jobId = "twice";
        String request = VideoJobs.request(bed, jobId, "inputs/small.mp4", 4, "in-process", Map.of());
        Run first = run(FUNCTION, request);
        Run second = run(FUNCTION, request);
        assertThat(withoutMetrics(second.json())).isEqualTo(withoutMetrics(first.json()));
        // one conditional PutItem that finds the finished job; in S3 only the source read of the
        // validation that comes before the claim (so that a refused source writes nothing), no write
        assertThat(second.dynamoDb()).isEqualTo(Map.of("PutItem", 1L));
        assertThat(second.s3()).isEqualTo(Map.of("GET /" + bed.bucket() + "/inputs/small.mp4", 1L));
        assertThat(second.json().path("metrics").path("coordination").path("failedCalls").asLong()).isEqualTo(1);
    }

    @Test
    void concurrentDuplicatesDoTheWorkOnce() {
        String jobId = "concurrent";
        String request = VideoJobs.request(bed, jobId, "inputs/small.mp4", 4, "in-process", Map.of());
        CompletableFuture<VideoTestBed.Invocation> a = CompletableFuture.supplyAsync(() -> bed.invoke(FUNCTION, request, null));
        CompletableFuture<VideoTestBed.Invocation> b = CompletableFuture.supplyAsync(() -> bed.invoke(FUNCTION, request, null));
        JsonNode ra = a.join().json();
        JsonNode rb = b.join().json();
        assertThat(ra.has("error")).as(ra.toString()).isFalse();
        assertThat(withoutMetrics(rb)).isEqualTo(withoutMetrics(ra));
        bed.putsPerKey().forEach((k, v) -> {
            if (k.startsWith("jobs/" + jobId + "/")) {
                assertThat(v).as(k).isEqualTo(1);
            }
        });
    }

    @Test
    void theSameJobIdWithAnotherRequestIsRefused() {
        String jobId = "reused-id";
        Run first = run(FUNCTION, VideoJobs.request(bed, jobId, "inputs/small.mp4", 2, "in-process", Map.of()));
        assertThat(first.json().has("error")).isFalse();
        Run other = run(FUNCTION, VideoJobs.request(bed, jobId, "inputs/small.mp4", 3, "in-process", Map.of()));
        assertThat(other.json().path("error").path("field").asText()).isEqualTo("jobId");
        assertThat(other.json().path("error").path("message").asText()).contains("different request");
        assertThat(other.s3()).isEqualTo(Map.of("GET /" + bed.bucket() + "/inputs/small.mp4", 1L)); // validation only
        assertThat(bed.items("job#" + jobId)).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-process", "per-chunk-invocation"})
    void paperModePollsEveryChunkRecord(String fanOut) {
        Run run = verifiedRun(PAPER, "paper-" + fanOut, SMALL_SOURCE, TestVideos.SMALL, 10, fanOut);
        Map<String, Long> calls = run.dynamoDb();
        int n = 10;
        // the job and one status record per chunk up front; RUNNING and DONE per chunk; ASSEMBLING and DONE
        assertThat(calls.get("PutItem")).isEqualTo(1 + n);
        assertThat(calls.get("UpdateItem")).isEqualTo(2 * n + 2);
        // k rounds of one GetItem per chunk
        long rounds = calls.get("GetItem") / n;
        assertThat(calls.get("GetItem")).isEqualTo(rounds * n);
        assertThat(rounds).isPositive();
        assertThat(total(calls)).isEqualTo(3 + 3 * n + rounds * n);
        assertThat(reportedDynamoDb(run.json())).isEqualTo(calls);
    }

    private static JsonNode withoutMetrics(JsonNode response) {
        ObjectNode copy = response.deepCopy();
        copy.remove("metrics");
        for (JsonNode c : copy.path("chunks")) {
            ((ObjectNode) c).remove("worker");
        }
        return copy;
    }
    @ParameterizedTest
    @ValueSource(strings = {"in-process", "per-chunk-invocation"})
    void chunksByDurationRescaledWithAConcurrencyLimit(String fanOut) {
        String jobId = "duration-" + fanOut;
        String request = VideoJobs.byDurationRescaled(bed, jobId, fanOut);
        VideoTestBed.Invocation r = bed.invoke(FUNCTION, request, null);
        assertThat(r.failed()).as(r.payload()).isFalse();
        JobChecks.verifiedOutput(bed, r.json(), jobId, TestVideos.SMALL, 4, 48, 32);
    }

    /**
     * A job submitted as an asynchronous event that crashes on its first attempt is finished by
     * Lambda's retry, which carries the same request id: the job item names that request id as its
     * owner, so the retry takes the job over at once (no wait for the template's 60 s lease, no poll of
     * the job item) and resumes from the records, encoding again none of the chunks recorded as done.
     * The retry comes 200 ms after the crash here (the test bed's delay; a minute on Lambda).
     */
    @Test
    void anAsyncJobThatCrashesOnItsFirstAttemptIsFinishedByLambdasRetryUnderTheSameRequestId() throws Exception {
        String jobId = "async-retry-mid-encode";
        String request = VideoJobs.request(bed, jobId, "inputs/small.mp4", 4, "in-process",
                Map.of("faults", new FaultInjection(0, 0, CrashPoint.MID_ENCODE)));
        Map<String, Long> ddbBefore = bed.wires().dynamoDb().requests();
        long started = System.nanoTime();
        String requestId = bed.lambda().client().invoke(b -> b.functionName(FUNCTION).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(request))).responseMetadata().requestId();
        JsonNode event = bed.asyncEventEnded(requestId);
        double millis = (System.nanoTime() - started) / 1e6;

        assertThat(event.get("Status").asText()).as(event.toString()).isEqualTo("Succeeded");
        assertThat(event.get("Attempts").asInt()).as("the crashed attempt and Lambda's retry").isEqualTo(2);
        Map<String, AttributeValue> job = bed.items("job#" + jobId).stream()
                .filter(i -> i.get("sk").s().equals("job")).findFirst().orElseThrow();
        assertThat(job.get("status").s()).isEqualTo("SUCCEEDED");
        assertThat(job.get("owner").s()).as("the retry kept the job under the event's request id").isEqualTo(requestId);
        Map<String, Long> ddb = VideoTestBed.since(ddbBefore, bed.wires().dynamoDb().requests());
        assertThat(ddb.getOrDefault("GetItem", 0L))
                .as("no poll of a job item held by another owner: the retry took the job over at once").isZero();
        assertThat(ddb.get("PutItem")).as("each attempt's claim").isEqualTo(2);

        JobChecks.verifiedOutput(bed, VideoTestBed.JSON.readTree(job.get("response").s()), jobId, TestVideos.SMALL, 4);
        Map<String, Long> puts = bed.putsPerKey();
        for (int i = 0; i < CrashRule.midEncodeChunks(4); i++) {
            assertThat(puts.get("jobs/" + jobId + String.format("/chunks/%04d.mp4", i)))
                    .as("chunk %d was recorded before the crash and not encoded again", i).isEqualTo(1);
        }
        assertThat(puts.get("jobs/" + jobId + "/output.mp4")).as("the output written once").isEqualTo(1);
        System.out.printf("[%s] async job %s crashed at mid-encode and was finished by Lambda's retry under the same "
                + "request id %.0f ms after it was submitted (retry delay 200 ms; the 60 s lease not waited for)%n",
                stores(), jobId, millis);
    }
}
