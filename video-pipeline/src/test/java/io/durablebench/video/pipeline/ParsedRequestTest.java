package io.durablebench.video.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ParsedRequestTest {
    private static ParsedRequest parse(String json) {
        return ParsedRequest.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aGoodRequest() {
        ParsedRequest p = parse("{\"jobId\":\"j\",\"source\":{\"bucket\":\"videobucket\",\"key\":\"inputs/a.mp4\"},\"chunkCount\":3}");
        assertThat(p.ok()).isTrue();
        assertThat(p.request().chunkCount()).isEqualTo(3);
        assertThat(p.jobId()).isEqualTo("j");
    }

    @Test
    void aRefusalKeepsAValidJobIdAndNamesTheField() {
        ParsedRequest p = parse("{\"jobId\":\"j-7\",\"source\":{\"bucket\":\"videobucket\",\"key\":\"a/../b\"},\"chunkCount\":3}");
        assertThat(p.ok()).isFalse();
        assertThat(p.jobId()).isEqualTo("j-7");
        assertThat(p.error().type()).isEqualTo("InvalidInput");
        assertThat(p.error().field()).isEqualTo("source.key");
    }

    @Test
    void anInvalidJobIdIsNotEchoed() {
        ParsedRequest p = parse("{\"jobId\":\"../x\",\"chunkCount\":3}");
        assertThat(p.jobId()).isNull();
        assertThat(p.error().field()).isEqualTo("jobId");
    }

    @Test
    void duplicateKeysAndMalformedDocumentsAreRefused() {
        assertThat(parse("{\"jobId\":\"a\",\"jobId\":\"b\"}").error().message()).contains("Duplicate field");
        assertThat(parse("{\"jobId\":").error().message()).startsWith("malformed JSON");
        assertThat(parse("").error().message()).contains("empty");
        assertThat(parse("[1]").error().message()).contains("expected a JSON object");
    }
}
