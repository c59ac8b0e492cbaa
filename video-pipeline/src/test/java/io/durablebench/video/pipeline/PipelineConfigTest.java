package io.durablebench.video.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durablebench.local.template.FunctionDefinition;
import io.durablebench.local.template.SamTemplate;
import io.durablebench.model.aws.FunctionEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineConfigTest {
    /**
     * The defaults a deployed function runs with (template.yaml sets none of the tunables) against the
     * values the documentation states, not against the code's own constants: the limits in
     * video-media/README.md, the retry policy in video-durable/README.md and video-baseline/README.md,
     * the sources' place in template.yaml's read policy.
     */
    @Test
    void defaultsAreTheDocumentedValues() throws Exception {
        PipelineConfig c = PipelineConfig.fromEnvironment(new FunctionEnvironment(Map.of("VIDEO_BUCKET", "videobucket")));
        assertThat(c.bucket()).isEqualTo("videobucket");
        // "the default is 256 MiB, 600 s, 1920x1080"
        assertThat(readme("video-media")).contains("the default is 256 MiB, 600 s, 1920x1080");
        assertThat(c.limits().maxBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(c.limits().maxDurationSeconds()).isEqualTo(600.0);
        assertThat(c.limits().maxWidth()).isEqualTo(1920);
        assertThat(c.limits().maxHeight()).isEqualTo(1080);
        // "8 attempts, 1 s doubling to 16 s"
        assertThat(readme("video-durable")).contains("8 attempts, 1 s doubling to 16 s");
        assertThat(readme("video-baseline")).contains("1 s doubling to 16 s, 8 attempts");
        assertThat(c.retry().maxAttempts()).isEqualTo(8);
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7).stream().map(a -> c.retry().delayAfter(a).toSeconds()).toList())
                .containsExactly(1L, 2L, 4L, 8L, 16L, 16L, 16L);
        // template.yaml lets the video functions read sources under inputs/ only (and their own jobs/)
        SamTemplate template = SamTemplate.load(SamTemplate.locate(Path.of("")));
        for (String id : List.of("VideoDurableFunction", "VideoBaselineFunction", "VideoBaselinePaperFunction")) {
            FunctionDefinition f = template.function(id);
            assertThat(f.policies().toString()).as(id).contains("${VideoBucket.Arn}/inputs/*");
            assertThat(f.environment().keySet()).as(id + " runs with the defaults").noneMatch(k -> k.startsWith("VIDEO_")
                    && !k.equals("VIDEO_BUCKET") && !k.equals("VIDEO_TABLE"));
        }
        assertThat(c.sourcePrefix()).isEqualTo("inputs/");
        // "`VIDEO_SLICE_CHUNKS` chunks (template default 1,000, at most 2,500)"
        assertThat(readme("video-durable")).contains("`VIDEO_SLICE_CHUNKS` chunks (template default 1,000, at most 2,500)");
        assertThat(c.sliceChunks()).isEqualTo(1000);
    }

    /** A module's README, whitespace folded so that a sentence may wrap. */
    private static String readme(String module) throws java.io.IOException {
        Path root = SamTemplate.locate(Path.of("")).getParent();
        return Files.readString(root.resolve(module).resolve("README.md")).replaceAll("\\s+", " ");
    }

    @Test
    void overrides() {
        PipelineConfig c = PipelineConfig.fromEnvironment(new FunctionEnvironment(Map.of("VIDEO_BUCKET", "b-1",
                "VIDEO_MAX_SOURCE_BYTES", "1000", "VIDEO_MAX_SOURCE_SECONDS", "2.5", "VIDEO_CHUNK_MAX_ATTEMPTS", "3",
                "VIDEO_CHUNK_RETRY_INITIAL_SECONDS", "2", "VIDEO_CHUNK_RETRY_MAX_SECONDS", "5")));
        assertThat(c.limits().maxBytes()).isEqualTo(1000);
        assertThat(c.limits().maxDurationSeconds()).isEqualTo(2.5);
        assertThat(c.retry().maxAttempts()).isEqualTo(3);
        assertThat(c.retry().delayAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(c.retry().delayAfter(3)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theBucketIsRequiredAndNumbersMustBeNumbers() {
        assertThatThrownBy(() -> PipelineConfig.fromEnvironment(new FunctionEnvironment(Map.of())))
                .hasMessageContaining("VIDEO_BUCKET");
        assertThatThrownBy(() -> PipelineConfig.fromEnvironment(new FunctionEnvironment(Map.of("VIDEO_BUCKET", "b",
                "VIDEO_MAX_SOURCE_BYTES", "lots")))).hasMessageContaining("VIDEO_MAX_SOURCE_BYTES");
    }
}
