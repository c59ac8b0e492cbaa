package io.durablebench.video.baseline;

import io.durablebench.video.pipeline.ChunkTask;

/**
 * The event a baseline coordinator sends a chunk worker (asynchronous Invoke).
 *
 * @param chunk        the chunk to encode
 * @param firstAttempt the attempt number to start at: 1, or one more than the chunk record's count
 *                     when a lost worker's chunk is sent again (so injected failures continue the
 *                     same sequence as in the durable function)
 * @param coordination how the worker records its progress
 */
public record WorkerTask(ChunkTask chunk, int firstAttempt, Coordination coordination) {
}
