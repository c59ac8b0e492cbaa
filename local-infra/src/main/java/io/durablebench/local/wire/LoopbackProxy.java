package io.durablebench.local.wire;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * An HTTP forwarding proxy on loopback in front of a local store (DynamoDB Local, the local S3) that
 * shows each call to a {@link Tap}: to count it ({@link WireCounter}), record it, or cut it off to
 * simulate a crash. It forwards requests and answers unchanged apart from hop-by-hop headers.
 */
public final class LoopbackProxy implements AutoCloseable {
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect",
            "transfer-encoding", "upgrade", "keep-alive");

    static {
        // Same reason as the local Lambda's server: the JDK server's configuration is read once per
        // JVM, when the first server is created, and without TCP_NODELAY every proxied call waits
        // ~40 ms for a delayed ACK. A proxy often is that first server (test beds start it before
        // the local Lambda), so it sets the property too.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /**
     * One call as it reached the proxy.
     *
     * @param operation the part of {@code X-Amz-Target} after the dot (a DynamoDB operation), or
     *                  {@code "METHOD /path"} for REST calls such as S3's
     * @param amzTarget the {@code X-Amz-Target} header, or null
     */
    public record Call(String method, URI uri, String amzTarget, String operation, byte[] body) {
    }

    /** What a proxy does with each call. Returning false answers the caller 502 instead. */
    public interface Tap {
        /** Before the call is forwarded; false: it is not forwarded. */
        default boolean before(Call call) {
            return true;
        }

        /** After the target answered; false: the answer is not passed on. */
        default boolean after(Call call, int status, byte[] responseBody) {
            return true;
        }
    }

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI target;
    private final Tap tap;

    private LoopbackProxy(URI target, Tap tap, String threadName) throws IOException {
        this.target = target;
        this.tap = tap;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.server.createContext("/", this::forward);
        this.server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        }));
        this.server.start();
    }

    /** A proxy to {@code target} on an ephemeral loopback port; {@code threadName} names its threads. */
    public static LoopbackProxy start(URI target, Tap tap, String threadName) {
        try {
            return new LoopbackProxy(target, tap, threadName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = amzTarget != null ? amzTarget.substring(amzTarget.indexOf('.') + 1)
                    : exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            Call call = new Call(exchange.getRequestMethod(), exchange.getRequestURI(), amzTarget, operation, body);
            if (!tap.before(call)) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
                if (!HOP_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    for (String v : h.getValue()) {
                        request.header(h.getKey(), v);
                    }
                }
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] out = response.body();
            if (!tap.after(call, response.statusCode(), out)) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.statusCode(), head || out.length == 0 ? -1 : out.length);
            if (!head && out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
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
