package io.durablebench.video.pipeline;

/** A chunk encode attempt that failed for a passing reason and is worth retrying. */
public final class TransientChunkFailure extends RuntimeException {
    public TransientChunkFailure(String message) {
        super(message, null, false, false);
    }
}
