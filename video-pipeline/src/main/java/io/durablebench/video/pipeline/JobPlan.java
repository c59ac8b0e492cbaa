package io.durablebench.video.pipeline;

import io.durablebench.video.media.ChunkPlan;
import io.durablebench.video.media.EncodeSettings;
import java.util.List;

/** The chunks of a job and how each is encoded. */
public record JobPlan(List<ChunkPlan> chunks, EncodeSettings settings) {
    public JobPlan {
        chunks = List.copyOf(chunks);
    }

    public int chunkCount() {
        return chunks.size();
    }
}
