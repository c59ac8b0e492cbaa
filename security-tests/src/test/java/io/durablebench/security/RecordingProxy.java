package io.durablebench.security;

import io.durablebench.local.wire.LoopbackProxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A forwarding HTTP proxy on loopback that keeps every request it passes on (method, raw path and
 * query, X-Amz-Target, and the body when it is a JSON API call), so a test can say which AWS API
 * operations were called on which resources. A local-infra LoopbackProxy like WireCounter, but it keeps the
 * requests instead of counting them: the IAM check needs the table names inside DynamoDB bodies and
 * the object keys inside S3 paths.
 */
final class RecordingProxy implements AutoCloseable {
    /** One request as it crossed the wire. {@code body} only for X-Amz-Target (JSON protocol) calls and S3 DeleteObjects (the keys). */
    record Request(String method, String path, String query, String target, String body) {
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final LoopbackProxy proxy;

    RecordingProxy(URI target) {
        this.proxy = LoopbackProxy.start(target, new LoopbackProxy.Tap() {
            @Override
            public boolean before(LoopbackProxy.Call call) {
                String query = call.uri().getRawQuery();
                boolean deleteObjects = call.method().equals("POST") && query != null && query.contains("delete");
                requests.add(new Request(call.method(), call.uri().getRawPath(), query, call.amzTarget(),
                        call.amzTarget() == null && !deleteObjects ? null
                                : new String(call.body(), StandardCharsets.UTF_8)));
                return true;
            }
        }, "recording-proxy");
    }

    URI endpoint() {
        return proxy.endpoint();
    }

    /** The requests since the last call, in arrival order; the record starts over. */
    List<Request> drain() {
        List<Request> out = new ArrayList<>(requests);
        requests.removeAll(out);
        return out;
    }

    @Override
    public void close() {
        proxy.close();
    }
}
