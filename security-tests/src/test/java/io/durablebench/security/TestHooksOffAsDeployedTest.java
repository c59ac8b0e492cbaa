package io.durablebench.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.local.template.FunctionDefinition;
import io.durablebench.local.template.SamTemplate;
import io.durablebench.model.aws.TestHooks;
import io.durablebench.video.testbed.TestVideos;
import io.durablebench.video.testbed.VideoJobs;
import io.durablebench.video.testbed.VideoTestBed;
import java.nio.file.Path;
import java.util.List;
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
 * Fault injection is not reachable in deployed functions. The configuration is template.yaml's: no
 * function sets {@code TEST_HOOKS}, and the functions run here with exactly their template
 * environment (plus the local endpoints), with the test-hooks module on this class path, so only
 * the switch stands between a caller and the hooks. A request or chunk event carrying a
 * {@code faults} section (every attempt failing, or a crash point: a cost amplifier on a real
 * account) is refused with InvalidInput naming the field, and nothing is written; the same document
 * without the section is accepted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestHooksOffAsDeployedTest {
    static final Set<String> FAULT_SECTIONS = Set.of("{\"chunkFailureProbability\":1,\"seed\":1}",
            "{\"crashPoint\":\"after-validate\"}");
    VideoTestBed bed;

    @BeforeAll
    void start() {
        bed = VideoTestBed.start(Map.of(), true, false);
        bed.upload("inputs/deployed.mp4", TestVideos.of(TestVideos.SMALL));
    }

    @AfterAll
    void stop() {
        bed.close();
    }

    @Test
    void theTemplateTurnsNoFunctionsTestHooksOn() {
        SamTemplate template = SamTemplate.load(SamTemplate.locate(Path.of("")));
        assertThat(template.functions()).hasSizeGreaterThanOrEqualTo(8);
        for (FunctionDefinition f : template.functions().values()) {
            assertThat(f.environment()).as(f.logicalId() + " environment (Globals applied)")
                    .doesNotContainKey(TestHooks.VARIABLE);
        }
        assertThat(template.document().toString()).doesNotContain(TestHooks.VARIABLE);
    }

    /** The sample events are what one sends a deployed function: none carries a faults section. */
    @Test
    void theSampleEventsCarryNoFaults() throws java.io.IOException {
        Path events = SamTemplate.locate(Path.of("")).getParent().resolve("events");
        try (var files = java.nio.file.Files.list(events)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(all).hasSizeGreaterThanOrEqualTo(8);
            for (Path event : all) {
                assertThat(parse(java.nio.file.Files.readString(event)).findValue("faults")).as(event.toString()).isNull();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"VideoDurableFunction", "VideoBaselineFunction", "VideoBaselinePaperFunction"})
    void aVideoRequestWithFaultsIsRefusedAndWritesNothing(String function) {
        int n = 0;
        for (String faults : FAULT_SECTIONS) {
            String jobId = "deployed-" + function + "-" + n++;
            String request = VideoJobs.request(bed, jobId, "inputs/deployed.mp4", 2, "in-process",
                    Map.of("faults", VideoTestBed.JSON.valueToTree(parse(faults))));
            assertRefusedWithoutWrites(function, request, jobId, "faults");
        }
        String jobId = "deployed-" + function + "-control";
        VideoTestBed.Invocation ok = invoke(function, VideoJobs.request(bed, jobId, "inputs/deployed.mp4", 2,
                "in-process", Map.of()), jobId);
        assertThat(ok.failed()).as(ok.payload()).isFalse();
        assertThat(ok.json().has("error")).as("the same request without faults runs: " + ok.payload()).isFalse();
    }

    @Test
    void chunkEventsWithFaultsAreRefusedAndWriteNothing() {
        bed.upload("jobs/deployed-c/segments/0000.mp4", TestVideos.of(TestVideos.SMALL));
        for (String faults : FAULT_SECTIONS) {
            String task = chunkTask("deployed-c", faults);
            assertRefusedWithoutWrites("VideoChunkEncoderFunction", task, "deployed-c-" + faults.length(), "faults");
            String event = "{\"chunk\":" + task + ",\"firstAttempt\":1,\"coordination\":\"OPTIMIZED\"}";
            assertRefusedWithoutWrites("VideoChunkWorkerFunction", event, null, "chunk.faults");
        }
        VideoTestBed.Invocation ok = invoke("VideoChunkEncoderFunction", chunkTask("deployed-c", null), "deployed-c-ok");
        assertThat(ok.failed()).as(ok.payload()).isFalse();
        assertThat(bed.keys("jobs/deployed-c/chunks/")).as("the task without faults is encoded").hasSize(1);
    }

    private void assertRefusedWithoutWrites(String function, String payload, String name, String field) {
        Map<String, Long> ddb = bed.wires().dynamoDb().requests();
        Map<String, Long> s3 = bed.wires().s3().requests();
        int items = bed.allItems().size();
        VideoTestBed.Invocation r = invoke(function, payload, name);
        JsonNode error = refusal(r);
        assertThat(error.path("type").asText()).as(function + ": " + r.payload()).isEqualTo("InvalidInput");
        assertThat(error.path("field").asText()).as(r.payload()).isEqualTo(field);
        assertThat(error.path("message").asText()).contains("takes no faults");
        Map<String, Long> writes = new TreeMap<>();
        VideoTestBed.since(ddb, bed.wires().dynamoDb().requests()).forEach((op, count) -> {
            if (!op.equals("GetItem") && !op.equals("Query")) {
                writes.put("dynamodb " + op, count);
            }
        });
        VideoTestBed.since(s3, bed.wires().s3().requests()).forEach((op, count) -> {
            if (!op.startsWith("GET ") && !op.startsWith("HEAD ")) {
                writes.put("s3 " + op, count);
            }
        });
        assertThat(writes).as(function + " wrote while refusing " + payload).isEmpty();
        assertThat(bed.allItems()).hasSize(items);
    }

    /** The refusal, whichever way the function answers it: an error object, or a FAILED durable execution. */
    private static JsonNode refusal(VideoTestBed.Invocation r) {
        JsonNode body = r.json();
        if (!r.failed()) {
            return body.path("error");
        }
        String message = body.path("errorMessage").asText();
        int colon = message.indexOf(": ");
        return VideoTestBed.JSON.createObjectNode().put("type", body.path("errorType").asText())
                .put("field", colon < 0 ? "" : message.substring(0, colon)).put("message", message);
    }

    private VideoTestBed.Invocation invoke(String function, String payload, String name) {
        boolean durable = function.equals("VideoDurableFunction") || function.equals("VideoChunkEncoderFunction");
        return bed.invoke(durable ? function + ":live" : function, payload, durable ? name : null);
    }

    private String chunkTask(String jobId, String faults) {
        return "{\"jobId\":\"" + jobId + "\",\"bucket\":\"" + bed.bucket() + "\",\"chunk\":{\"index\":0,\"firstFrame\":0,"
                + "\"frameCount\":12,\"decodeFromFrame\":0},\"segmentKey\":\"jobs/" + jobId + "/segments/0000.mp4\","
                + "\"chunkKey\":\"jobs/" + jobId + "/chunks/0000.mp4\",\"settings\":{\"width\":96,\"height\":64,"
                + "\"qp\":26,\"keyInterval\":12,\"motionSearchRange\":16}" + (faults == null ? "" : ",\"faults\":" + faults)
                + "}";
    }

    private static JsonNode parse(String json) {
        try {
            return VideoTestBed.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
