package io.durablebench.video.baseline;

/** Hands a chunk to a worker invocation, without waiting for it. */
interface WorkerDispatcher {
    void dispatch(WorkerTask task);
}
