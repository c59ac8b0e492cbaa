package io.durablebench.video.pipeline;

import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.video.media.MediaLimits;
import java.time.Duration;

/**
 * What both video functions read from their environment: the one bucket they work in, where
 * sources may come from, the largest source they accept, and how chunk encodes are retried.
 *
 * <ul>
 *   <li>{@code VIDEO_BUCKET} (required): the bucket of sources and job objects; a request naming
 *       another bucket is refused, so the function's IAM policy can name this bucket only.</li>
 *   <li>{@code VIDEO_SOURCE_PREFIX} (default {@value #DEFAULT_SOURCE_PREFIX}): sources must be
 *       under it, so read rights stop there and at the job objects.</li>
 *   <li>{@code VIDEO_MAX_SOURCE_BYTES}, {@code VIDEO_MAX_SOURCE_SECONDS}, {@code VIDEO_MAX_WIDTH},
 *       {@code VIDEO_MAX_HEIGHT}: the {@link MediaLimits}; defaults {@link MediaLimits#DEFAULT}.</li>
 *   <li>{@code VIDEO_CHUNK_MAX_ATTEMPTS}, {@code VIDEO_CHUNK_RETRY_INITIAL_SECONDS},
 *       {@code VIDEO_CHUNK_RETRY_MAX_SECONDS}: the {@link ChunkRetryPolicy}.</li>
 *   <li>{@code VIDEO_SLICE_CHUNKS} (default {@value JobSlices#DEFAULT_SLICE_CHUNKS}, at most
 *       {@value JobSlices#MAX_SLICE_CHUNKS}): a job of more chunks runs in slices of this many
 *       ({@link JobSlices}); both sides read the same variable.</li>
 * </ul>
 */
public record PipelineConfig(String bucket, String sourcePrefix, MediaLimits limits, ChunkRetryPolicy retry,
                             int sliceChunks) {
    public static final String DEFAULT_SOURCE_PREFIX = "inputs/";

    public static PipelineConfig fromEnvironment(FunctionEnvironment env) {
        MediaLimits d = MediaLimits.DEFAULT;
        MediaLimits limits = new MediaLimits(
                env.longOf("VIDEO_MAX_SOURCE_BYTES", d.maxBytes()),
                env.doubleOf("VIDEO_MAX_SOURCE_SECONDS", d.maxDurationSeconds()),
                (int) env.longOf("VIDEO_MAX_WIDTH", d.maxWidth()),
                (int) env.longOf("VIDEO_MAX_HEIGHT", d.maxHeight()));
        ChunkRetryPolicy r = ChunkRetryPolicy.DEFAULT;
        ChunkRetryPolicy retry = new ChunkRetryPolicy(
                (int) env.longOf("VIDEO_CHUNK_MAX_ATTEMPTS", r.maxAttempts()),
                Duration.ofSeconds(env.longOf("VIDEO_CHUNK_RETRY_INITIAL_SECONDS", r.initialDelay().toSeconds())),
                Duration.ofSeconds(env.longOf("VIDEO_CHUNK_RETRY_MAX_SECONDS", r.maxDelay().toSeconds())),
                r.backoffRate());
        long sliceChunks = env.longOf("VIDEO_SLICE_CHUNKS", JobSlices.DEFAULT_SLICE_CHUNKS);
        if (sliceChunks < 1 || sliceChunks > JobSlices.MAX_SLICE_CHUNKS) {
            throw new IllegalStateException("VIDEO_SLICE_CHUNKS must be 1.." + JobSlices.MAX_SLICE_CHUNKS
                    + " (a slice must stay within one durable execution's limits), got " + sliceChunks);
        }
        return new PipelineConfig(env.require("VIDEO_BUCKET"),
                env.get("VIDEO_SOURCE_PREFIX").orElse(DEFAULT_SOURCE_PREFIX), limits, retry, (int) sliceChunks);
    }

    /** How a job of {@code chunkCount} chunks is sliced under this configuration. */
    public JobSlices slices(int chunkCount) {
        return new JobSlices(chunkCount, sliceChunks);
    }
}
