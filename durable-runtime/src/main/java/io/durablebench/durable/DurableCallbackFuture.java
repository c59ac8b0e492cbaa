package io.durablebench.durable;

/** A callback's future. Hand {@link #callbackId()} to whoever will complete it. */
public interface DurableCallbackFuture<T> extends DurableFuture<T> {
    /** The id an outside system passes to SendDurableExecutionCallbackSuccess / Failure / Heartbeat. */
    String callbackId();
}
