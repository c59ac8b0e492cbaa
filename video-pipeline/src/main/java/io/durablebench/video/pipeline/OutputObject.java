package io.durablebench.video.pipeline;

/** The assembled output as stored. */
public record OutputObject(String key, long sizeBytes, int chunkCount) {
}
