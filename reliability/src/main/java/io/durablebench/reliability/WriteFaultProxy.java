package io.durablebench.reliability;

import io.durablebench.local.wire.LoopbackProxy;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP forwarding proxy in front of DynamoDB Local that counts the write calls (PutItem,
 * UpdateItem, DeleteItem, TransactWriteItems, BatchWriteItem) crossing it, and can run an action
 * (killing the local Lambda process that hosts the baseline) at the k-th write: before forwarding
 * it (the write never reaches the table) or after DynamoDB answered it (the write is in the table,
 * the function never hears back). Either way the caller gets no answer: its process is gone.
 *
 * <p>It lives in the test JVM, with DynamoDB Local, so both survive the kill.
 */
public final class WriteFaultProxy implements AutoCloseable {
    public static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems",
            "BatchWriteItem");

    /** When the armed action runs relative to the k-th write. */
    public enum When { BEFORE, AFTER }

    private record Arming(int write, When when, Runnable action) {
    }

    private final AtomicInteger writes = new AtomicInteger();
    private volatile Arming arming;
    private volatile String fired;
    private final LoopbackProxy proxy;

    private WriteFaultProxy(URI target) {
        // one Arming per call: the write that fires is decided once, before forwarding
        ThreadLocal<Arming> firing = new ThreadLocal<>();
        this.proxy = LoopbackProxy.start(target, new LoopbackProxy.Tap() {
            @Override
            public boolean before(LoopbackProxy.Call call) {
                firing.remove();
                if (call.amzTarget() == null || !WRITES.contains(call.operation())) {
                    return true;
                }
                int n = writes.incrementAndGet();
                Arming a = arming;
                if (a == null || a.write() != n) {
                    return true;
                }
                arming = null;
                fired = call.operation();
                if (a.when() == When.BEFORE) {
                    a.action().run();
                    return false; // nobody is listening any more
                }
                firing.set(a);
                return true;
            }

            @Override
            public boolean after(LoopbackProxy.Call call, int status, byte[] responseBody) {
                Arming a = firing.get();
                if (a == null) {
                    return true;
                }
                firing.remove();
                // the write is applied in DynamoDB; its caller dies before it hears the answer
                a.action().run();
                return false;
            }
        }, "write-fault-proxy");
    }

    public static WriteFaultProxy in(URI target) {
        return new WriteFaultProxy(target);
    }

    public URI endpoint() {
        return proxy.endpoint();
    }

    /** Write calls seen since the last {@link #arm} or {@link #resetCount}. */
    public int writes() {
        return writes.get();
    }

    public void resetCount() {
        writes.set(0);
        fired = null;
    }

    /** Runs {@code action} once, at write number {@code write} (1-based, counted from now), {@code when}. */
    public void arm(int write, When when, Runnable action) {
        resetCount();
        arming = new Arming(write, when, action);
    }

    public void disarm() {
        arming = null;
    }

    /** The operation the armed action fired at ({@code "TransactWriteItems"}...), or null if it has not fired. */
    public String fired() {
        return fired;
    }

    @Override
    public void close() {
        proxy.close();
    }
}
