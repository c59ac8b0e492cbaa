package io.durablebench.video.pipeline;

import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.model.video.VideoChunkResult;

/**
 * One encoded and stored chunk, as a checkpoint, a record or a worker's answer holds it.
 *
 * @param attempts     the attempt that succeeded (from 1)
 * @param encodeMillis wall-clock time of that attempt: download, decode, encode, upload
 */
public record ChunkOutcome(int index, int firstFrame, int frameCount, String objectKey, long sizeBytes, int attempts,
                           double encodeMillis) {

    public ChunkOutcome withAttempts(int attempt) {
        return new ChunkOutcome(index, firstFrame, frameCount, objectKey, sizeBytes, attempt, encodeMillis);
    }

    public VideoChunkResult toResult(InvocationMetrics worker) {
        return new VideoChunkResult(index, firstFrame, frameCount, objectKey, sizeBytes, attempts, encodeMillis, worker);
    }
}
