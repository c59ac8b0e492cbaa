package io.durablebench.model.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.durablebench.model.FunctionError;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.model.metrics.StoreMetrics;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VideoRequestTest {
    private static final String SOURCE = "\"source\":{\"bucket\":\"videobucket\",\"key\":\"inputs/source.mp4\"}";

    @Test
    void readsAFullRequest() {
        VideoRequest r = VideoRequest.parse("""
                {"jobId":"job-1","source":{"bucket":"videobucket","key":"inputs/ä clip (1).mp4"},
                 "chunkCount":10,"target":{"width":160,"height":120,"qp":30,"keyInterval":12},
                 "maxConcurrency":4,"fanOut":"per-chunk-invocation",
                 "faults":{"chunkFailureProbability":0.25,"seed":-7,"crashPoint":"mid-encode"}}
                """);
        assertThat(r.jobId()).isEqualTo("job-1");
        assertThat(r.source()).isEqualTo(new S3ObjectRef("videobucket", "inputs/ä clip (1).mp4"));
        assertThat(r.chunkCount()).isEqualTo(10);
        assertThat(r.chunkDurationSeconds()).isNull();
        assertThat(r.target()).isEqualTo(new VideoTarget(160, 120, 30, 12));
        assertThat(r.maxConcurrency()).isEqualTo(4);
        assertThat(r.fanOut()).isEqualTo(FanOutMode.PER_CHUNK_INVOCATION);
        // kept as sent: only a function's test hooks read it (test-hooks module, InjectedFaultsFactoryTest)
        assertThat(r.faults()).isEqualTo(StrictJson.parse(
                "{\"chunkFailureProbability\":0.25,\"seed\":-7,\"crashPoint\":\"mid-encode\"}"));
    }

    @Test
    void absentOptionalFieldsTakeTheirDefaults() {
        VideoRequest r = VideoRequest.parse("{\"jobId\":\"j\"," + SOURCE + ",\"chunkDurationSeconds\":1.5}");
        assertThat(r.chunkCount()).isNull();
        assertThat(r.chunkDurationSeconds()).isEqualTo(1.5);
        assertThat(r.target()).isEqualTo(VideoTarget.SOURCE);
        assertThat(r.maxConcurrency()).isNull();
        assertThat(r.fanOut()).isEqualTo(FanOutMode.IN_PROCESS);
        assertThat(r.faults()).isNull();
    }

    @Test
    void roundTripsThroughJson() {
        VideoRequest r = new VideoRequest("job_2", new S3ObjectRef("b-1.x", "a/b.mp4"), null, 2.0,
                new VideoTarget(null, null, 20, null), 3, FanOutMode.IN_PROCESS,
                StrictJson.parse("{\"chunkFailureProbability\":0.5,\"seed\":9,\"crashPoint\":\"after-split\"}"));
        String json = r.toJson();
        assertThat(json).contains("\"fanOut\":\"in-process\"").contains("\"crashPoint\":\"after-split\"")
                .doesNotContain("null");
        assertThat(VideoRequest.parse(json)).isEqualTo(r);
    }

    @Test
    void namesTheJobsObjects() {
        VideoRequest r = VideoRequest.parse("{\"jobId\":\"job-1\"," + SOURCE + ",\"chunkCount\":3}");
        assertThat(r.outputObject()).isEqualTo(new S3ObjectRef("videobucket", "jobs/job-1/output.mp4"));
        assertThat(r.chunkObject(7)).isEqualTo(new S3ObjectRef("videobucket", "jobs/job-1/chunks/0007.mp4"));
        assertThat(r.segmentObject(12).key()).isEqualTo("jobs/job-1/segments/0012.mp4");
        assertThat(r.jobPrefix()).isEqualTo("jobs/job-1/");
    }

    static Stream<Arguments> badRequests() {
        String ok = "\"jobId\":\"j\"," + SOURCE;
        String longKey = "k".repeat(1025);
        String longUtf8Key = "é".repeat(513); // 1026 bytes of UTF-8 in 513 characters
        return Stream.of(
                Arguments.of("{" + SOURCE + ",\"chunkCount\":1}", "jobId", "missing"),
                Arguments.of("{\"jobId\":\"a/b\"," + SOURCE + ",\"chunkCount\":1}", "jobId", "1-64 characters"),
                Arguments.of("{\"jobId\":\"" + "x".repeat(65) + "\"," + SOURCE + ",\"chunkCount\":1}", "jobId", "1-64"),
                Arguments.of("{\"jobId\":\"j\",\"chunkCount\":1}", "source", "required object is missing"),
                Arguments.of("{\"jobId\":\"j\",\"source\":\"s3://b/k\",\"chunkCount\":1}", "source", "expected a JSON object"),
                Arguments.of("{\"jobId\":\"j\",\"source\":{\"key\":\"k\"},\"chunkCount\":1}", "source.bucket", "missing"),
                Arguments.of(src("Video_Bucket", "k"), "source.bucket", "not an S3 bucket name"),
                Arguments.of(src("ab", "k"), "source.bucket", "not an S3 bucket name"),
                Arguments.of(src("a..b", "k"), "source.bucket", "two adjacent periods"),
                Arguments.of(src("192.168.1.1", "k"), "source.bucket", "IP address"),
                Arguments.of(src("b-1", ""), "source.key", "must not be empty"),
                Arguments.of(src("b-1", "../x"), "source.key", "'..' path segment"),
                Arguments.of(src("b-1", "a/../../etc/passwd"), "source.key", "'..' path segment"),
                Arguments.of(src("b-1", "./x"), "source.key", "'.' path segment"),
                Arguments.of(src("b-1", "/etc/passwd"), "source.key", "must be relative"),
                Arguments.of(src("b-1", "a//b"), "source.key", "empty path segment"),
                Arguments.of(src("b-1", "dir/"), "source.key", "names a folder"),
                Arguments.of(src("b-1", "a\\\\b"), "source.key", "backslash"),
                Arguments.of(src("b-1", "a\\nb"), "source.key", "control character (U+000A) at index 1"),
                Arguments.of(src("b-1", "a\\u0000b"), "source.key", "control character (U+0000)"),
                Arguments.of(src("b-1", "a\\u007fb"), "source.key", "control character (U+007F)"),
                Arguments.of(src("b-1", "a\\ud800b"), "source.key", "unpaired UTF-16 surrogate"),
                Arguments.of(src("b-1", longKey), "source.key", "1025 bytes of UTF-8; at most 1024"),
                Arguments.of(src("b-1", longUtf8Key), "source.key", "1026 bytes"),
                Arguments.of("{\"jobId\":\"j\",\"source\":{\"bucket\":\"b-1\",\"key\":\"k\",\"region\":\"x\"},\"chunkCount\":1}",
                        "source.region", "unknown field"),
                Arguments.of("{" + ok + "}", "chunkCount", "give chunkCount or chunkDurationSeconds"),
                Arguments.of("{" + ok + ",\"chunkCount\":2,\"chunkDurationSeconds\":1}", "chunkDurationSeconds", "not both"),
                Arguments.of("{" + ok + ",\"chunkCount\":0}", "chunkCount", "between 1 and 10000"),
                Arguments.of("{" + ok + ",\"chunkCount\":10001}", "chunkCount", "between 1 and 10000"),
                Arguments.of("{" + ok + ",\"chunkCount\":2.5}", "chunkCount", "got number 2.5"),
                Arguments.of("{" + ok + ",\"chunkCount\":\"2\"}", "chunkCount", "got string"),
                Arguments.of("{" + ok + ",\"chunkDurationSeconds\":0}", "chunkDurationSeconds", "more than 0"),
                Arguments.of("{" + ok + ",\"chunkDurationSeconds\":-1}", "chunkDurationSeconds", "out of range"),
                Arguments.of("{" + ok + ",\"chunkDurationSeconds\":3601}", "chunkDurationSeconds", "out of range"),
                Arguments.of("{" + ok + ",\"chunkCount\":1,\"target\":{\"width\":161,\"height\":120}}", "target.width", "even"),
                Arguments.of("{" + ok + ",\"chunkCount\":1,\"target\":{\"width\":160}}", "target.height", "together"),
                Arguments.of("{" + ok + ",\"chunkCount\":1,\"target\":{\"height\":120}}", "target.width", "together"),
                Arguments.of("{" + ok + ",\"chunkCount\":1,\"target\":{\"width\":3840,\"height\":2160}}", "target.width", "out of range"),
                Arguments.of("{" + ok + ",\"chunkCount\":1,\"target\":{\"width\":8,\"height\":8}}", "target.width", "out of range"),
                Arguments.of("{" + ok + ",\"chunkCount\":1,\"target\":{\"qp\":52}}", "target.qp", "between 0 and 51"),
                Arguments.of("{" + ok + ",\"chunkCount\":1,\"target\":{\"keyInterval\":0}}", "target.keyInterval", "out of range"),
                Arguments.of("{" + ok + ",\"chunkCount\":1,\"target\":{\"bitrate\":1000}}", "target.bitrate", "unknown field"),
                Arguments.of("{" + ok + ",\"chunkCount\":1,\"maxConcurrency\":0}", "maxConcurrency", "between 1 and 10000"),
                Arguments.of("{" + ok + ",\"chunkCount\":1,\"fanOut\":\"IN_PROCESS\"}", "fanOut",
                        "unknown value \"IN_PROCESS\"; one of [in-process, per-chunk-invocation]"),
                Arguments.of("{" + ok + ",\"chunkCount\":1,\"fanOut\":3}", "fanOut", "expected a string"),
                Arguments.of("{" + ok + ",\"chunkCount\":1,\"extra\":1}", "extra", "unknown field"),
                Arguments.of("[]", "", "expected a JSON object"),
                Arguments.of("{" + ok + ",\"chunkCount\":1", "", "malformed JSON"));
    }

    private static String src(String bucket, String key) {
        return "{\"jobId\":\"j\",\"source\":{\"bucket\":\"" + bucket + "\",\"key\":\"" + key + "\"},\"chunkCount\":1}";
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void rejectsEachBadFieldByName(String json, String field, String messagePart) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> VideoRequest.parse(json));
        assertThat(e).as("should refuse %s", json).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains(messagePart);
    }

    @Test
    void acceptsKeysThatOnlyLookUnusual() {
        for (String key : List.of("a", "a.b", "...", "a/.b", "a..b/c", "日本/動画.mp4", "x".repeat(1024), "😀.mp4")) {
            String json = "{\"jobId\":\"j\",\"source\":{\"bucket\":\"b-1\",\"key\":"
                    + StrictJson.write(key) + "},\"chunkCount\":1}";
            assertThat(VideoRequest.parse(json).source().key()).isEqualTo(key);
        }
    }

    @Test
    void responseSerializesWithoutAbsentFieldsAndReadsBack() throws Exception {
        InvocationMetrics metrics = new InvocationMetrics("VideoBaselineFunction", "req-1", 1234.5,
                StoreMetrics.NONE, new StoreMetrics(3, Map.of("GetObject", 1L, "PutObject", 2L), 0, 0, 0, 0, 10, 20), null);
        VideoResponse ok = VideoResponse.ok("job-1", new S3ObjectRef("videobucket", "jobs/job-1/output.mp4"), 240, 10.0,
                320, 240, List.of(new VideoChunkResult(0, 0, 240, "jobs/job-1/chunks/0000.mp4", 5000, 2, 812.5)), metrics);
        String json = StrictJson.write(ok);
        assertThat(json).doesNotContain("\"error\"").contains("\"frameCount\":240").contains("\"attempts\":2");
        assertThat(StrictJson.mapper().readValue(json, VideoResponse.class)).isEqualTo(ok);

        VideoResponse refused = VideoResponse.failed(null,
                FunctionError.of(new InvalidInputException("source.key", "has a '..' path segment")), metrics);
        String refusedJson = StrictJson.write(refused);
        assertThat(refusedJson).contains("\"field\":\"source.key\"").doesNotContain("\"output\"").doesNotContain("\"chunks\"");
        assertThat(StrictJson.mapper().readValue(refusedJson, VideoResponse.class)).isEqualTo(refused);
    }
}
