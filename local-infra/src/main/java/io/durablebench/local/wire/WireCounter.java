package io.durablebench.local.wire;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP forwarding proxy on loopback that counts what crosses the wire: requests per
 * {@code X-Amz-Target} (the DynamoDB operation) or per method and path, and body bytes each way.
 * It is an observer independent of the SDK, used to check the store meter's counts.
 */
public final class WireCounter implements AutoCloseable {
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect",
            "transfer-encoding", "upgrade", "keep-alive");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI target;
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final AtomicLong requestBytes = new AtomicLong();
    private final AtomicLong responseBytes = new AtomicLong();

    static {
        // Same reason as the local Lambda's server: the JDK server's configuration is read once per
        // JVM, when the first server is created, and without TCP_NODELAY every proxied call waits
        // ~40 ms for a delayed ACK. A proxy often is that first server (test beds start it before
        // the local Lambda), so it sets the property too.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private WireCounter(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.server.createContext("/", this::forward);
        this.server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "wire-counter");
            t.setDaemon(true);
            return t;
        }));
        this.server.start();
    }

    public static WireCounter in(URI target) {
        try {
            return new WireCounter(target);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
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

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String key = amzTarget != null ? amzTarget.substring(amzTarget.indexOf('.') + 1)
                    : exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            requests.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
            requestBytes.addAndGet(body.length);

            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
                if (!HOP_HEADERS.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    for (String v : h.getValue()) {
                        request.header(h.getKey(), v);
                    }
                }
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            responseBytes.addAndGet(response.body().length);
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            byte[] out = response.body();
            exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
