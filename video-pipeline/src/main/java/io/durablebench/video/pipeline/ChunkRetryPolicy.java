package io.durablebench.video.pipeline;

import java.io.UncheckedIOException;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * How a chunk encode is retried, the same on both sides: at most {@code maxAttempts} attempts, the
 * delay before attempt n+1 is {@code initialDelay * backoffRate^(n-1)} capped at {@code maxDelay},
 * in whole seconds (the durable service schedules retries in whole seconds, so the baseline waits
 * the same). No jitter: both functions then wait exactly the same times, which keeps runs comparable
 * (with many concurrent jobs a deployment would add jitter on both sides).
 *
 * <p>Only transient failures are retried: injected ones ({@link TransientChunkFailure}), network
 * errors, S3 throttling and 5xx. A chunk that cannot be encoded (a bug, bad media) fails at once.
 */
public record ChunkRetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, double backoffRate) {
    /** 8 attempts, 1 s doubling to at most 16 s: a 30 % failure rate loses a chunk with p = 0.3^8 = 7e-5. */
    public static final ChunkRetryPolicy DEFAULT = new ChunkRetryPolicy(8, Duration.ofSeconds(1), Duration.ofSeconds(16), 2.0);

    public ChunkRetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be 1..100, got " + maxAttempts);
        }
        if (initialDelay.toSeconds() < 1 || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("delays must be whole seconds, at least 1, max >= initial: "
                    + initialDelay + ", " + maxDelay);
        }
        if (backoffRate < 1) {
            throw new IllegalArgumentException("backoffRate must be at least 1, got " + backoffRate);
        }
    }

    /** Whether another attempt follows failed attempt {@code attempt} (from 1) that threw {@code error}. */
    public boolean retries(Throwable error, int attempt) {
        return attempt < maxAttempts && retryable(error);
    }

    /** The wait after failed attempt {@code attempt} (from 1), in whole seconds. */
    public Duration delayAfter(int attempt) {
        double seconds = initialDelay.toSeconds() * Math.pow(backoffRate, Math.max(0, attempt - 1));
        return Duration.ofSeconds(Math.max(1, Math.min(maxDelay.toSeconds(), Math.round(seconds))));
    }

    public static boolean retryable(Throwable error) {
        if (error instanceof TransientChunkFailure || error instanceof UncheckedIOException) {
            return true;
        }
        if (error instanceof S3Exception s3) {
            return s3.statusCode() >= 500 || s3.statusCode() == 429 || s3.isThrottlingException();
        }
        return error instanceof SdkClientException;
    }
}
