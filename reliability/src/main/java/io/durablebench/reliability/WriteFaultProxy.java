package io.durablebench.reliability;

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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
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
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect",
            "transfer-encoding", "upgrade", "keep-alive");

    /** When the armed action runs relative to the k-th write. */
    public enum When { BEFORE, AFTER }

    private record Arming(int write, When when, Runnable action) {
    }

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI target;
    private final AtomicInteger writes = new AtomicInteger();
    private volatile Arming arming;
    private volatile String fired;

    private WriteFaultProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.server.createContext("/", this::forward);
        this.server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "write-fault-proxy");
            t.setDaemon(true);
            return t;
        }));
        this.server.start();
    }

    public static WriteFaultProxy in(URI target) {
        try {
            return new WriteFaultProxy(target);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
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

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = amzTarget == null ? "" : amzTarget.substring(amzTarget.indexOf('.') + 1);
            Arming fire = null;
            if (WRITES.contains(operation)) {
                int n = writes.incrementAndGet();
                Arming a = arming;
                if (a != null && a.write() == n) {
                    arming = null;
                    fired = operation;
                    fire = a;
                }
            }
            if (fire != null && fire.when() == When.BEFORE) {
                fire.action().run();
                exchange.sendResponseHeaders(502, -1); // nobody is listening any more
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
            if (fire != null) {
                // the write is applied in DynamoDB; its caller dies before it hears the answer
                fire.action().run();
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
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
