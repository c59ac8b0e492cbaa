package io.durablebench.video.pipeline;

import io.durablebench.model.video.FaultInjection;
import io.durablebench.video.media.ChunkPlan;
import io.durablebench.video.media.EncodeSettings;

/**
 * Everything needed to encode one chunk, and nothing more: the payload of a per-chunk invocation
 * on both sides (object keys, not bytes).
 *
 * @param jobId      the job
 * @param bucket     where the segment is and the chunk goes
 * @param chunk      the chunk's place in the source
 * @param segmentKey the chunk's source segment (written by the split)
 * @param chunkKey   where the encoded chunk goes
 * @param settings   the encoder settings of the job
 * @param faults     the job's injected failures (the chunk decides with {@link FaultInjection#chunkAttemptFails})
 */
public record ChunkTask(String jobId, String bucket, ChunkPlan chunk, String segmentKey, String chunkKey,
                        EncodeSettings settings, FaultInjection faults) {
    public int index() {
        return chunk.index();
    }
}
