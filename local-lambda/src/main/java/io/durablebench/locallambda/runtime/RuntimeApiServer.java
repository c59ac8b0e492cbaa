package io.durablebench.locallambda.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.durablebench.locallambda.durable.model.ErrorObject;
import io.durablebench.locallambda.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Lambda Runtime API of one execution environment, on its own loopback port (the environment
 * finds it in {@code AWS_LAMBDA_RUNTIME_API}): {@code GET /2018-06-01/runtime/invocation/next}
 * blocks until the environment is given an invocation, {@code POST .../invocation/{id}/response}
 * and {@code .../error} end it, {@code POST /2018-06-01/runtime/init/error} reports a failed init.
 * One port per environment, because the API has no environment id in its paths.
 */
final class RuntimeApiServer implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";

    /** What the environment's runtime tells the service. */
    interface Listener {
        /** {@code next}: blocks until there is an invocation for this environment (null: the environment is ending). */
        RuntimeInvocation next() throws InterruptedException;

        void response(String requestId, byte[] body);

        void error(String requestId, ErrorObject error);

        void initError(ErrorObject error);
    }

    private final HttpServer server;
    private final ExecutorService threads;

    RuntimeApiServer(String name, Listener listener) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runtime-api-" + name);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext(PREFIX, exchange -> handle(exchange, listener));
        server.start();
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static void handle(HttpExchange exchange, Listener listener) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (method.equals("GET") && path.equals("invocation/next")) {
                RuntimeInvocation inv;
                try {
                    inv = listener.next();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    inv = null;
                }
                if (inv == null) {
                    send(exchange, 500, "{\"errorMessage\":\"the environment is shutting down\"}");
                    return;
                }
                var h = exchange.getResponseHeaders();
                h.set("Lambda-Runtime-Aws-Request-Id", inv.requestId());
                h.set("Lambda-Runtime-Deadline-Ms", Long.toString(inv.deadlineMillis()));
                h.set("Lambda-Runtime-Invoked-Function-Arn", inv.invokedArn());
                h.set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
                h.set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, inv.payload().length == 0 ? -1 : inv.payload().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(inv.payload());
                }
                return;
            }
            if (method.equals("POST") && path.equals("init/error")) {
                listener.initError(error(body, exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")));
                send(exchange, 202, "{\"status\":\"OK\"}");
                return;
            }
            if (method.equals("POST") && path.startsWith("invocation/")) {
                String rest = path.substring("invocation/".length());
                int slash = rest.indexOf('/');
                if (slash > 0) {
                    String requestId = rest.substring(0, slash);
                    switch (rest.substring(slash + 1)) {
                        case "response" -> {
                            listener.response(requestId, body);
                            send(exchange, 202, "{\"status\":\"OK\"}");
                            return;
                        }
                        case "error" -> {
                            listener.error(requestId, error(body,
                                    exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")));
                            send(exchange, 202, "{\"status\":\"OK\"}");
                            return;
                        }
                        default -> {
                        }
                    }
                }
            }
            send(exchange, 404, "{\"errorMessage\":\"no Runtime API route " + method + " " + path + "\"}");
        }
    }

    /** The runtime's error document ({@code errorMessage}, {@code errorType}, {@code stackTrace}), as an ErrorObject. */
    static ErrorObject error(byte[] body, String typeHeader) {
        String type = typeHeader;
        String message = null;
        java.util.List<String> trace = null;
        try {
            JsonNode n = Json.parse(body);
            if (n != null && n.isObject()) {
                type = n.hasNonNull("errorType") ? n.get("errorType").asText() : type;
                message = n.hasNonNull("errorMessage") ? n.get("errorMessage").asText() : null;
                if (n.get("stackTrace") != null && n.get("stackTrace").isArray()) {
                    trace = new java.util.ArrayList<>();
                    for (JsonNode line : n.get("stackTrace")) {
                        trace.add(line.isTextual() ? line.asText() : line.toString());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            message = new String(body, StandardCharsets.UTF_8);
        }
        return new ErrorObject(type, message, null, trace);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, b.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    static {
        // the same reason as the service's own server: answer headers and body without Nagle's delay
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }
}
