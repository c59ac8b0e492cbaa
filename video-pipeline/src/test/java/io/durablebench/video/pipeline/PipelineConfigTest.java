package io.durablebench.video.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.video.media.MediaLimits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineConfigTest {
    @Test
    void defaults() {
        PipelineConfig c = PipelineConfig.fromEnvironment(new FunctionEnvironment(Map.of("VIDEO_BUCKET", "videobucket")));
        assertThat(c.bucket()).isEqualTo("videobucket");
        assertThat(c.sourcePrefix()).isEqualTo("inputs/");
        assertThat(c.limits()).isEqualTo(MediaLimits.DEFAULT);
        assertThat(c.retry()).isEqualTo(ChunkRetryPolicy.DEFAULT);
        assertThat(c.sliceChunks()).isEqualTo(1000);
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
