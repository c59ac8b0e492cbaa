package io.durablebench.durable.execution;

/**
 * Unwinds a thread of user code once the invocation has ended (suspended, failed, or lost its
 * service connection). An {@link Error}, not an exception, so a handler's {@code catch (Exception e)}
 * cannot swallow it and carry on with durable calls that would no longer be recorded.
 */
public final class SuspendSignal extends Error {
    public SuspendSignal(String why) {
        super(why, null, false, false);
    }
}
