package io.durablebench.video.baseline;

/** Hands a chunk to a worker invocation, without waiting for it. */
interface WorkerDispatcher {
    void dispatch(WorkerTask task);

    /** Primes the dispatch path before a SnapStart snapshot, dispatching nothing; by default nothing to prime. */
    default void prime() {
    }
}
