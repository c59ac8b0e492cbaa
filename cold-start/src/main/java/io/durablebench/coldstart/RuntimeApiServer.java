package io.durablebench.coldstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The part of Lambda's Runtime API (version 2018-06-01) a runtime interface client uses, on
 * 127.0.0.1 for one runtime process: {@code GET invocation/next} (held until an event is offered),
 * {@code POST invocation/{id}/response}, {@code POST invocation/{id}/error} and {@code POST init/error},
 * and for a SnapStart init {@code GET restore/next} (held until released: the point where Lambda
 * takes the snapshot) and {@code POST restore/error}. It notes when each {@code next} arrives (the
 * runtime is initialized and idle) and when the event went out, so init and the first invocation
 * are timed apart.
 */
final class RuntimeApiServer implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";

    /** An event for the runtime, with the headers Lambda sends along. */
    record Event(byte[] payload, String requestId, long deadlineEpochMs, String invokedFunctionArn) {
    }

    /** What the runtime answered: the response body, or an error it reported (init or invocation). */
    record Answer(byte[] body, boolean error, String errorType, long arrivedNanos) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "runtime-api");
        t.setDaemon(true);
        return t;
    });
    private final LinkedBlockingQueue<Long> nextArrivals = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Long> restoreArrivals = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Boolean> restores = new LinkedBlockingQueue<>();
    private volatile long eventSentNanos;

    private RuntimeApiServer(HttpServer server) {
        this.server = server;
    }

    static RuntimeApiServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            RuntimeApiServer api = new RuntimeApiServer(server);
            server.createContext(PREFIX, api::handle);
            server.setExecutor(api.threads);
            server.start();
            return api;
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the runtime API on 127.0.0.1", e);
        }
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The arrival time (System.nanoTime) of the next {@code GET next}, or null after {@code timeout}. */
    Long awaitNext(Duration timeout) throws InterruptedException {
        return nextArrivals.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A runtime-reported answer or error, or null after {@code timeout}. */
    Answer awaitAnswer(Duration timeout) throws InterruptedException {
        return answers.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** An init error already reported, if any (without waiting). */
    Answer initError() {
        Answer a = answers.peek();
        return a != null && a.error() ? a : null;
    }

    /** The arrival time of {@code GET restore/next} (SnapStart: init and the before-checkpoint hooks are done), or null. */
    Long awaitSnapshotPoint(Duration timeout) throws InterruptedException {
        return restoreArrivals.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Answers the held {@code GET restore/next}: the runtime goes on as if restored from the snapshot. */
    void restore() {
        restores.add(Boolean.TRUE);
    }

    void offer(Event event) {
        events.add(event);
    }

    /** When the last event was written to the runtime (System.nanoTime). */
    long eventSentNanos() {
        return eventSentNanos;
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath().substring(PREFIX.length());
            byte[] body = x.getRequestBody().readAllBytes();
            if (path.equals("invocation/next") && x.getRequestMethod().equals("GET")) {
                nextArrivals.add(System.nanoTime());
                Event e = events.take();
                x.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", e.requestId());
                x.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(e.deadlineEpochMs()));
                x.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", e.invokedFunctionArn());
                x.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
                x.getResponseHeaders().add("Content-Type", "application/json");
                x.sendResponseHeaders(200, e.payload().length);
                eventSentNanos = System.nanoTime();
                try (OutputStream out = x.getResponseBody()) {
                    out.write(e.payload());
                }
                return;
            }
            if (path.equals("restore/next") && x.getRequestMethod().equals("GET")) {
                restoreArrivals.add(System.nanoTime());
                restores.take();
                x.sendResponseHeaders(200, -1);
                return;
            }
            if (path.startsWith("invocation/") && path.endsWith("/response")) {
                answers.add(new Answer(body, false, null, System.nanoTime()));
            } else if (path.startsWith("invocation/") && path.endsWith("/error") || path.equals("init/error")
                    || path.equals("restore/error")) {
                answers.add(new Answer(body, true, x.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"),
                        System.nanoTime()));
            } else {
                x.sendResponseHeaders(404, -1);
                return;
            }
            byte[] accepted = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(202, accepted.length);
            x.getResponseBody().write(accepted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: the runtime's held request is dropped
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
