package io.durablebench.local.wire;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link LoopbackProxy} that counts what crosses the wire: requests per {@code X-Amz-Target}
 * (the DynamoDB operation) or per method and path, and body bytes each way. It is an observer
 * independent of the SDK, used to check the store meter's counts.
 */
public final class WireCounter implements AutoCloseable {
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final AtomicLong requestBytes = new AtomicLong();
    private final AtomicLong responseBytes = new AtomicLong();
    private final LoopbackProxy proxy;

    private WireCounter(URI target) {
        this.proxy = LoopbackProxy.start(target, new LoopbackProxy.Tap() {
            @Override
            public boolean before(LoopbackProxy.Call call) {
                requests.computeIfAbsent(call.operation(), k -> new AtomicLong()).incrementAndGet();
                requestBytes.addAndGet(call.body().length);
                return true;
            }

            @Override
            public boolean after(LoopbackProxy.Call call, int status, byte[] responseBody) {
                responseBytes.addAndGet(responseBody.length);
                return true;
            }
        }, "wire-counter");
    }

    public static WireCounter in(URI target) {
        return new WireCounter(target);
    }

    public URI endpoint() {
        return proxy.endpoint();
    }

    /** Requests seen, keyed by operation: the part of X-Amz-Target after the dot, else "METHOD /path". */
    public Map<String, Long> requests() {
        Map<String, Long> out = new TreeMap<>();
        requests.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public long totalRequests() {
        return requests.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long requestBytes() {
        return requestBytes.get();
    }

    public long responseBytes() {
        return responseBytes.get();
    }

    public void reset() {
        requests.clear();
        requestBytes.set(0);
        responseBytes.set(0);
    }

    @Override
    public void close() {
        proxy.close();
    }
}
