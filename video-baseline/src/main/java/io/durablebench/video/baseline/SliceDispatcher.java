package io.durablebench.video.baseline;

/** Hands a slice to a slice coordinator invocation, without waiting for it. */
interface SliceDispatcher {
    void dispatch(SliceEvent event);
}
