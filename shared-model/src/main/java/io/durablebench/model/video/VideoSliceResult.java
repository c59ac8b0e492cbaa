package io.durablebench.model.video;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.durablebench.model.metrics.InvocationMetrics;

/**
 * What became of one slice of a job too large for one coordinator: a run of consecutive chunks
 * that one child (a durable child execution, or a baseline slice coordinator) encoded. A sliced
 * job's answer lists its slices instead of its chunks, so that the answer, the stored answer and
 * every checkpoint stay small however many chunks the job has.
 *
 * @param index             position of the slice, from 0
 * @param firstChunk        index of its first chunk
 * @param chunkCount        chunks it holds (consecutive)
 * @param frameCount        frames of its chunks together
 * @param sizeBytes         bytes of its encoded chunks together
 * @param attempts          encode attempts over its chunks (its chunk count when nothing failed)
 * @param encodeMillis      the successful attempts' encode times, summed
 * @param coordinator       what the slice's own (final) invocation cost
 * @param workers           per-chunk invocations only: what its chunk workers or encoders reported,
 *                          summed (their durations, store calls and durable counts); absent otherwise
 * @param workerInvocations per-chunk invocations only: how many chunk invocations reported (0 otherwise)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VideoSliceResult(int index, int firstChunk, int chunkCount, long frameCount, long sizeBytes,
                               long attempts, double encodeMillis, InvocationMetrics coordinator,
                               InvocationMetrics workers, int workerInvocations) {

    /** The same slice as reported by {@code coordinator} (the answering invocation's metrics). */
    public VideoSliceResult withCoordinator(InvocationMetrics coordinator) {
        return new VideoSliceResult(index, firstChunk, chunkCount, frameCount, sizeBytes, attempts, encodeMillis,
                coordinator, workers, workerInvocations);
    }
}
