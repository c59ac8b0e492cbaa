package io.durablebench.locallambda.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.durablebench.locallambda.error.ErrorType;
import io.durablebench.locallambda.error.LambdaApiException;
import io.durablebench.locallambda.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP side: the JDK's HTTP server on 127.0.0.1 only, dispatching every request to
 * {@link LambdaApi} and rendering refusals in Lambda's error shape (status, {@code X-Amzn-ErrorType},
 * {@code {"Type":"User","Message":...}}).
 */
public final class LambdaHttpServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LambdaHttpServer.class.getName());
    /** A request body larger than this is refused before it is read whole. */
    private static final int MAX_BODY = 8 * 1024 * 1024;

    static {
        // The JDK server writes a response's headers and body separately; without TCP_NODELAY,
        // Nagle's algorithm holds the body until the client's delayed ACK (~40 ms per call).
        // Read once, when the JDK server's configuration class loads: set before any server exists.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private volatile LambdaApi api;

    private LambdaHttpServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Binds 127.0.0.1:{@code port} (0 = a free port); requests wait until {@link #start}. */
    public static LambdaHttpServer bind(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
            AtomicInteger n = new AtomicInteger();
            ExecutorService threads = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "local-lambda-http-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(threads);
            return new LambdaHttpServer(server, threads);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void start(LambdaApi api) {
        this.api = api;
        server.createContext("/", this::serve);
        server.start();
    }

    private void serve(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        ApiResponse response;
        try {
            byte[] body = readBody(exchange);
            ApiRequest request = ApiRequest.of(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            response = api.handle(request);
        } catch (LambdaApiException e) {
            response = error(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response = error(ErrorType.ServiceException, "the service is shutting down");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "request failed", e);
            response = error(ErrorType.ServiceException, "internal error: " + e);
        }
        try (exchange) {
            var headers = exchange.getResponseHeaders();
            for (Map.Entry<String, String> h : response.headers().entrySet()) {
                headers.set(h.getKey(), h.getValue());
            }
            if (!headers.containsKey("x-amzn-RequestId")) {
                headers.set("x-amzn-RequestId", requestId);
            }
            byte[] body = response.body();
            boolean noBody = body.length == 0 && (response.status() == 204 || response.status() == 202);
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : (body.length == 0 ? -1 : body.length));
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > MAX_BODY) {
                    throw new LambdaApiException(ErrorType.RequestTooLargeException,
                            "Request must be smaller than " + MAX_BODY + " bytes");
                }
            } catch (NumberFormatException ignored) {
                // the server rejects malformed lengths itself
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new LambdaApiException(ErrorType.RequestTooLargeException,
                        "Request must be smaller than " + MAX_BODY + " bytes");
            }
            return body;
        }
    }

    static ApiResponse error(LambdaApiException e) {
        ApiResponse r = error(e.type(), e.getMessage());
        if (e.reason() != null) {
            ObjectNode body = Json.object();
            body.put("Type", "User");
            body.put("Message", e.getMessage());
            body.put("Reason", e.reason());
            r = new ApiResponse(r.status(), r.headers(), Json.bytes(body));
        }
        return e.retryAfterSeconds() == null ? r : r.withHeader("Retry-After", e.retryAfterSeconds().toString());
    }

    static ApiResponse error(ErrorType type, String message) {
        ObjectNode body = Json.object();
        body.put("Type", type.httpStatus() >= 500 ? "Service" : "User");
        body.put("Message", message);
        return ApiResponse.bytes(type.httpStatus(), Json.bytes(body)).withHeader("X-Amzn-ErrorType", type.name());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
