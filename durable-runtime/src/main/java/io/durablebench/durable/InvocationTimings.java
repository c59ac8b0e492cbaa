package io.durablebench.durable;

/**
 * Where one invocation's time went, measured by the runtime on its monotonic clock, in nanoseconds.
 *
 * <p>Along the handler's own thread an invocation is {@code startup}, the hand-off to the handler's
 * thread, {@code handler} and {@code finish}; the handler's
 * time splits into {@code replay} (catching up with the log), its code between durable calls, and the
 * time inside top-level durable operations ({@link RuntimeMetricsSnapshot#inOperationsNanos()}). For a
 * handler that makes its durable calls one after the other, the time inside operations is the steps'
 * code ({@code userCode}) plus the checkpoint pipeline ({@code queuedBehindCall + batchingWait +
 * checkpointCall + handOff}) plus the runtime's own work (ids, serialization, bookkeeping), which is
 * what remains. Checkpoint calls are made one at a time, so their sums are sums of disjoint intervals;
 * {@code userCode} and {@code handOff} add up every thread's share, so with concurrent operations they
 * can exceed the wall time.
 *
 * @param startupNanos          reading the event, fetching further log pages, reading the input, until
 *                              the handler's thread is started (starting it is in {@code handOffNanos})
 * @param handlerNanos          the handler method, from its call to its return (or throw)
 * @param finishNanos           after the handler returned: serializing its result and waiting until every
 *                              queued update is acknowledged, until the outcome is decided
 * @param replayNanos           from the handler's start until the first operation not already finished in
 *                              the log (all of the handler when every operation was finished); 0 when the
 *                              log held only the execution's input
 * @param userCodeNanos         inside step bodies and waitForCondition checks, every attempt, every thread
 * @param checkpointCallNanos   inside CheckpointDurableExecution calls (including the paging reads their
 *                              answers needed), from the call to its answer
 * @param sdkMarshallingNanos   of those calls, the AWS SDK turning requests into HTTP ({@code MarshallingDuration})
 * @param sdkSigningNanos       of those calls, SigV4 signing ({@code SigningDuration})
 * @param sdkHttpNanos          of those calls, from sending the request to the answer's headers: network and
 *                              the service's own work ({@code ServiceCallDuration})
 * @param sdkUnmarshallingNanos of those calls, reading answers into objects ({@code UnmarshallingDuration}); the
 *                              four SDK parts are 0 when the client is not the AWS SDK one
 * @param stateCallNanos        inside GetDurableExecutionState calls made before user code (log paging)
 * @param queuedBehindCallNanos updates a thread waits for, waiting because another call was in flight (one
 *                              call at a time): per call, from the oldest such update's arrival to the end of
 *                              the previous call
 * @param batchingWaitNanos     updates a thread waits for, waiting while no call was in flight: per call, from
 *                              when it could have started to when it started (a configured gathering delay,
 *                              and handing the work to the thread that sends it)
 * @param handOffNanos          threads waking up: from an acknowledgement to the waiting thread running again,
 *                              and from starting an async operation's thread to its code running
 */
public record InvocationTimings(long startupNanos, long handlerNanos, long finishNanos, long replayNanos,
                                long userCodeNanos, long checkpointCallNanos, long sdkMarshallingNanos,
                                long sdkSigningNanos, long sdkHttpNanos, long sdkUnmarshallingNanos,
                                long stateCallNanos, long queuedBehindCallNanos, long batchingWaitNanos,
                                long handOffNanos) {
    /** Nothing measured. */
    public static final InvocationTimings NONE = new InvocationTimings(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
