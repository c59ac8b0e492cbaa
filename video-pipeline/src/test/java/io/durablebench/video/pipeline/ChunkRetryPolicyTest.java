package io.durablebench.video.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durablebench.video.media.InvalidMediaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class ChunkRetryPolicyTest {
    @Test
    void delaysDoubleFromOneSecondUpToTheCapInWholeSeconds() {
        ChunkRetryPolicy p = ChunkRetryPolicy.DEFAULT;
        assertThat(p.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.delayAfter(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(p.delayAfter(7)).isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void retriesTransientFailuresUntilTheLastAttempt() {
        ChunkRetryPolicy p = new ChunkRetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(4), 2.0);
        TransientChunkFailure injected = new TransientChunkFailure("injected");
        assertThat(p.retries(injected, 1)).isTrue();
        assertThat(p.retries(injected, 2)).isTrue();
        assertThat(p.retries(injected, 3)).isFalse();
    }

    @Test
    void onlyTransientFailuresAreRetried() {
        assertThat(ChunkRetryPolicy.retryable(new TransientChunkFailure("x"))).isTrue();
        assertThat(ChunkRetryPolicy.retryable(new UncheckedIOException(new IOException("reset")))).isTrue();
        assertThat(ChunkRetryPolicy.retryable(SdkClientException.create("connection refused"))).isTrue();
        assertThat(ChunkRetryPolicy.retryable(S3Exception.builder().statusCode(503).build())).isTrue();
        assertThat(ChunkRetryPolicy.retryable(S3Exception.builder().statusCode(403).build())).isFalse();
        assertThat(ChunkRetryPolicy.retryable(new IllegalStateException("a bug"))).isFalse();
        assertThat(ChunkRetryPolicy.retryable(new InvalidMediaException(InvalidMediaException.Problem.CORRUPT, "bad"))).isFalse();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new ChunkRetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1), 2))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new ChunkRetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(1), 2))
                .hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> new ChunkRetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5))
                .hasMessageContaining("backoffRate");
    }
}
