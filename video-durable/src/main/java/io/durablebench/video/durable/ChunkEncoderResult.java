package io.durablebench.video.durable;

import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.video.pipeline.ChunkOutcome;

/** What the chunk encoder function answers: the stored chunk and what its invocation cost. */
public record ChunkEncoderResult(ChunkOutcome chunk, InvocationMetrics metrics) {
}
