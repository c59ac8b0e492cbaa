package io.durablebench.model.video;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.durablebench.model.metrics.InvocationMetrics;

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
 * @param worker       when the chunk was encoded in an invocation of its own (fan-out
 *                     {@code per-chunk-invocation}): what that invocation reported it cost, so that a
 *                     job's total is the response's own metrics plus these; absent when the chunk was
 *                     encoded inside the responding invocation (its cost is in the response's metrics)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VideoChunkResult(int index, int firstFrame, int frameCount, String objectKey, long sizeBytes,
                               int attempts, double encodeMillis, InvocationMetrics worker) {

    public VideoChunkResult(int index, int firstFrame, int frameCount, String objectKey, long sizeBytes,
                            int attempts, double encodeMillis) {
        this(index, firstFrame, frameCount, objectKey, sizeBytes, attempts, encodeMillis, null);
    }
}
