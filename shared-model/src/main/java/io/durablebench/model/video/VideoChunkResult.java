package io.durablebench.model.video;

/**
 * What became of one chunk.
 *
 * @param index        position of the chunk in the output, from 0
 * @param firstFrame   first source frame it holds
 * @param frameCount   frames it holds
 * @param objectKey    S3 key of the encoded chunk (in the job's bucket)
 * @param sizeBytes    size of the encoded chunk
 * @param attempts     encode attempts it took (more than 1 after injected or real transient failures)
 * @param encodeMillis wall-clock time of the successful attempt: download, decode, encode, upload
 */
public record VideoChunkResult(int index, int firstFrame, int frameCount, String objectKey, long sizeBytes,
                               int attempts, double encodeMillis) {
}
