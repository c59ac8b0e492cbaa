package io.durablebench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.locallambda.durable.CrashSwitch;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.video.FaultInjection;
import io.durablebench.video.testbed.StoreCensus;
import io.durablebench.video.testbed.TestVideos;
import io.durablebench.video.testbed.VideoJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * A video job that fails for good (2 chunks, 1 attempt each, one chunk failing) with the local
 * Lambda service killed (kill -9 of its process) in the middle of the job's compensation, then
 * restarted on its data directory and the request delivered again. The stores, listed and scanned
 * before and after, must hold what they held before (durable) or that plus the FAILED job item
 * (baseline); the answer must count every object the job wrote.
 *
 * <p>Durable: the crash switch halts the service after each of the job's last checkpoint calls
 * (where the compensation's steps are checkpointed); at least one kill must fall between
 * {@code undo-encode} being recorded and the execution's end, as its history shows. Baseline: the
 * DynamoDB proxy kills the service right after each of the compensation's writes but the last,
 * and the job item is read while the host is dead: COMPENSATING.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompensationKillTest {
    private static final int CHUNKS = 2;
    private static final String SOURCE_KEY = "inputs/compensation-small.mp4";

    @TempDir
    static Path dir;
    private CrashBed bed;
    private String bucket;
    private String table;

    @BeforeAll
    void start() {
        Map<String, String> env = new LinkedHashMap<>(VideoCrashSweep.ENVIRONMENT);
        env.put("VIDEO_CHUNK_MAX_ATTEMPTS", "1");
        bed = CrashBed.start(dir, env);
        bucket = bed.stores().aws().bucketName("VideoBucket");
        table = bed.stores().aws().resources().tableName("VideoJobTable");
        bed.stores().aws().s3().client().putObject(b -> b.bucket(bucket).key(SOURCE_KEY),
                RequestBody.fromBytes(TestVideos.of(TestVideos.SMALL)));
    }

    @AfterAll
    void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void durableJobKilledInItsCompensationLeavesNothing() {
        String probe = "kd-probe-j";
        JsonNode clean = deliver("VideoDurableFunction:live", probe, request(probe));
        assertThat(clean.path("compensation").path("objectsDeleted").asLong()).isEqualTo(written(probe));
        long calls = bed.checkpointCalls(bed.withChildren(arn(probe)));
        int inCompensation = 0;
        List<String> runs = new ArrayList<>();
        for (long k = Math.max(1, calls - 4); k <= calls; k++) {
            String jobId = "kd-" + k + "-j";
            StoreCensus before = census();
            bed.armCrashSwitch(CrashSwitch.Point.AFTER, (int) k, jobId);
            try {
                bed.lambda().invoke(b -> b.functionName("VideoDurableFunction:live").invocationType(InvocationType.EVENT)
                        .durableExecutionName(jobId).payload(SdkBytes.fromUtf8String(request(jobId))));
            } catch (SdkClientException cut) {
                // halted while answering: the delivery below starts or attaches to the execution
            }
            CrashBed.await(Duration.ofMinutes(2), () -> !bed.service().alive());
            boolean hit = !bed.service().alive() && bed.awaitHalt(Duration.ofSeconds(5));
            Instant killed = Instant.now();
            bed.restartAfterCrash();
            JsonNode answer = deliver("VideoDurableFunction:live", jobId, request(jobId));
            assertThat(census()).as("stores after run %s", jobId).isEqualTo(before);
            assertThat(answer.path("compensation").path("objectsDeleted").asLong()).as(jobId).isEqualTo(written(jobId));
            boolean undoEncodeBefore = false;
            boolean endedBefore = false;
            for (Event e : bed.history(arn(jobId))) {
                if (e.eventTimestamp().isBefore(killed)) {
                    undoEncodeBefore |= e.eventType() == EventType.STEP_SUCCEEDED && "undo-encode".equals(e.name());
                    endedBefore |= e.eventType() == EventType.EXECUTION_SUCCEEDED;
                }
            }
            boolean inside = hit && undoEncodeBefore && !endedBefore;
            inCompensation += inside ? 1 : 0;
            runs.add(jobId + (hit ? " killed" : " not killed") + (inside ? " in the compensation" : ""));
        }
        System.out.println("durable compensation kills (" + calls + " checkpoint calls in the clean run): " + runs);
        assertThat(inCompensation).as("kills inside the compensation: %s", runs).isPositive();
    }

    @Test
    void baselineJobKilledInItsCompensationIsResumedAndLeavesOnlyItsJobItem() {
        String probe = "kb-probe-j";
        bed.stores().dynamoProxy().disarm();
        bed.stores().dynamoProxy().resetCount();
        JsonNode clean = deliver("VideoBaselineFunction", probe, request(probe));
        assertThat(clean.path("compensation").path("objectsDeleted").asLong()).isEqualTo(written(probe));
        int writes = bed.stores().dynamoProxy().writes();
        // the compensation's writes are the job's last four: begin, record, delete the items, finish
        for (int k = writes - 3; k <= writes - 1; k++) {
            String jobId = "kb-" + k + "-j";
            StoreCensus before = census();
            bed.stores().dynamoProxy().resetCount();
            bed.stores().dynamoProxy().arm(k, WriteFaultProxy.When.AFTER, () -> bed.service().kill9());
            Thread caller = new Thread(() -> {
                try {
                    bed.lambda().invoke(b -> b.functionName("VideoBaselineFunction")
                            .payload(SdkBytes.fromUtf8String(request(jobId))));
                } catch (SdkClientException hostDied) {
                    // expected: the service is killed under the call
                }
            });
            caller.setDaemon(true);
            caller.start();
            CrashBed.await(Duration.ofMinutes(2), () -> bed.stores().dynamoProxy().fired() != null && !bed.service().alive());
            assertThat(bed.stores().dynamoProxy().fired()).as("killed at write %d", k).isNotNull();
            bed.stores().dynamoProxy().disarm();
            assertThat(jobItem(jobId).get("status").s()).as("job %s while the host is dead", jobId)
                    .isEqualTo("COMPENSATING");
            bed.restartAfterCrash();
            JsonNode answer = deliver("VideoBaselineFunction", jobId, request(jobId));
            StoreCensus after = census();
            assertThat(after.objects()).as(jobId).isEqualTo(before.objects());
            assertThat(after.itemsAddedSince(before)).as(jobId).isEqualTo(List.of("job#" + jobId + "|job"));
            assertThat(before.itemsAddedSince(after)).isEmpty();
            assertThat(jobItem(jobId).get("status").s()).isEqualTo("FAILED");
            assertThat(answer.path("compensation").path("objectsDeleted").asLong()).as(jobId).isEqualTo(written(jobId));
            assertThat(answer.path("compensation").path("itemsDeleted").asInt()).as(jobId).isEqualTo(CHUNKS);
        }
    }

    private String request(String jobId) {
        long seed = VideoJobs.seedWithPermanentFailure(0.5, jobId, CHUNKS, 1);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("jobId", jobId);
        r.put("source", Map.of("bucket", bucket, "key", SOURCE_KEY));
        r.put("chunkCount", CHUNKS);
        r.put("fanOut", "in-process");
        r.put("faults", new FaultInjection(0.5, seed, null));
        return StrictJson.write(r);
    }

    /** Delivers the request (again) until it is answered, as a client retrying would. */
    private JsonNode deliver(String function, String jobId, String request) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            try {
                InvokeResponse r = bed.lambda().invoke(b -> {
                    b.functionName(function).payload(SdkBytes.fromUtf8String(request));
                    if (function.startsWith("VideoDurable")) {
                        b.durableExecutionName(jobId);
                    }
                });
                assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
                return StrictJson.parse(r.payload().asUtf8String());
            } catch (SdkClientException e) {
                assertThat(Instant.now()).as("no answer for " + jobId + ": " + e.getMessage()).isBefore(deadline);
                CrashBed.await(Duration.ofMillis(500), () -> false);
            }
        }
    }

    private StoreCensus census() {
        return StoreCensus.of(bed.stores().aws().s3().client(), bucket, bed.stores().aws().dynamoDbClient(), table);
    }

    /** Distinct keys the job wrote, as the S3 wire counter saw them. */
    private long written(String jobId) {
        String prefix = "PUT /" + bucket + "/jobs/" + jobId + "/";
        return bed.stores().s3Wire().requests().keySet().stream().filter(k -> k.startsWith(prefix)).distinct().count();
    }

    private String arn(String jobId) {
        return bed.executions("VideoDurableFunction", jobId).get(0).durableExecutionArn();
    }

    private Map<String, AttributeValue> jobItem(String jobId) {
        return bed.stores().aws().dynamoDbClient().getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("job#" + jobId), "sk", AttributeValue.fromS("job")))).item();
    }
}
