package io.durablebench.video.pipeline;

import java.util.Set;

/**
 * The test hooks of one video job: where a local test bed may fail a chunk's encode attempt or end
 * the invocation at a stage boundary, to measure recovery. Every method does nothing here; the
 * implementation that acts lives in the {@code test-hooks} module and reaches a function only
 * through {@link VideoTestHooks}, when its configuration turns hooks on. Deployed functions run
 * every job with {@link #NONE}.
 */
public interface JobHooks {
    JobHooks NONE = new JobHooks() {
    };

    /** Records in the function's own store (a durable step, a job-record attribute) that the job reached a point. */
    @FunctionalInterface
    interface Marker {
        /**
         * @param beforeRecording runs only when the point is not recorded yet, before the record is made
         * @return true only the first time the job reaches {@code point}
         */
        boolean firstTime(String point, Runnable beforeRecording);
    }

    /** Attempt {@code attempt} (from 1) of a chunk is encoded and not stored yet; may throw {@link TransientChunkFailure}. */
    default void beforeChunkStored(ChunkTask task, int attempt) {
    }

    /** {@code stage} of the job is done and its result recorded. */
    default void stageDone(JobStage stage, Marker marker) {
    }

    /**
     * A job that failed for good is compensating: what encoding and assembly wrote is deleted and
     * recorded, what the split wrote not yet.
     */
    default void compensating(Marker marker) {
    }

    /** The durable side: chunk {@code index} is encoded, reported from the chunk's own map item. */
    default void chunkDone(int index, int chunkCount, Marker marker) {
    }

    /** The baseline side: the chunks in {@code done} are encoded, reported by the coordinator after each. */
    default void chunksDone(Set<Integer> done, int chunkCount, Marker marker) {
    }
}
