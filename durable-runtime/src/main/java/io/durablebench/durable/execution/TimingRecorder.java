package io.durablebench.durable.execution;

import io.durablebench.durable.InvocationTimings;
import io.durablebench.durable.client.SdkCallTimings;

/** Adds up where one invocation's time goes ({@link InvocationTimings}); thread-safe. */
final class TimingRecorder {
    private long startup;
    private long handler;
    private long finish;
    private long handlerStartedAt;
    private boolean replaying;
    private long replay;
    private long userCode;
    private long checkpointCalls;
    private long marshalling;
    private long signing;
    private long http;
    private long unmarshalling;
    private long stateCalls;
    private long queuedBehindCall;
    private long batchingWait;
    private long handOff;

    /** The handler's code starts at {@code now}, {@code startup} after the invocation began; replaying or not. */
    synchronized void handlerStarted(long now, long startupNanos, boolean replayingLog) {
        startup = startupNanos;
        handlerStartedAt = now;
        replaying = replayingLog;
    }

    /** Replay ended at {@code now} (the first operation not already finished, or the handler's end). */
    synchronized void replayEnded(long now) {
        if (replaying) {
            replaying = false;
            replay = now - handlerStartedAt;
        }
    }

    synchronized void handlerEnded(long now) {
        replayEnded(now);
        handler = now - handlerStartedAt;
    }

    synchronized void finished(long nanos) {
        finish = nanos;
    }

    synchronized void userCode(long nanos) {
        userCode += nanos;
    }

    synchronized void checkpointCall(long nanos, SdkCallTimings sdk) {
        checkpointCalls += nanos;
        marshalling += sdk.marshallingNanos();
        signing += sdk.signingNanos();
        http += sdk.httpNanos();
        unmarshalling += sdk.unmarshallingNanos();
    }

    synchronized void stateCall(long nanos) {
        stateCalls += nanos;
    }

    synchronized void waitedForCall(long behindCallNanos, long batchingWaitNanos) {
        queuedBehindCall += behindCallNanos;
        batchingWait += batchingWaitNanos;
    }

    synchronized void handOff(long nanos) {
        handOff += nanos;
    }

    synchronized InvocationTimings snapshot() {
        return new InvocationTimings(startup, handler, finish, replay, userCode, checkpointCalls, marshalling, signing,
                http, unmarshalling, stateCalls, queuedBehindCall, batchingWait, handOff);
    }
}
