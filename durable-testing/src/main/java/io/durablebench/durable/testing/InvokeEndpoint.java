package io.durablebench.durable.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Lambda's Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) on loopback, serving
 * handlers that run in this JVM. AWS's emulator is pointed at it ({@code --lambda-endpoint}) and
 * invokes our durable handlers through it exactly as it would invoke a function on Lambda.
 *
 * <p>A handler that throws is answered the way Lambda answers an unhandled function error: HTTP
 * 200, header {@code X-Amz-Function-Error: Unhandled}, body {@code {"errorType","errorMessage"}}.
 * A handler may also simulate the process dying mid-invocation ({@link RuntimeExit}): Lambda then
 * reports {@code Runtime.ExitError}.
 */
public final class InvokeEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final Map<String, Supplier<RequestStreamHandler>> functions = new ConcurrentHashMap<>();

    /** Thrown by a test handler to play a crashed runtime process (exit mid-invocation). */
    public static final class RuntimeExit extends io.durablebench.locallambda.ProcessExit {
        public RuntimeExit(String why) {
            super(why);
        }
    }

    public InvokeEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.createContext("/2015-03-31/functions/", this::invoke);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "invoke-endpoint");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Registers a function; a fresh handler instance serves each invocation (like a fresh environment). */
    public void register(String functionName, Supplier<RequestStreamHandler> handlers) {
        functions.put(functionName, handlers);
    }

    private void invoke(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String rest = path.substring("/2015-03-31/functions/".length());
            String name = URLDecoder.decode(rest.substring(0, rest.indexOf('/')), StandardCharsets.UTF_8);
            name = functionNameOf(name);
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Supplier<RequestStreamHandler> handler = functions.get(name);
            String requestId = UUID.randomUUID().toString();
            exchange.getResponseHeaders().add("X-Amzn-RequestId", requestId);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (handler == null) {
                send(exchange, 404, JSON.createObjectNode().put("Type", "User").put("Message", "Function not found: " + name)
                        .toString().getBytes(StandardCharsets.UTF_8), "ResourceNotFoundException");
                return;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                handler.get().handleRequest(new ByteArrayInputStream(body), out, new TestContext(name, requestId));
                send(exchange, 200, out.toByteArray(), null);
            } catch (RuntimeExit exit) {
                exchange.getResponseHeaders().add("X-Amz-Function-Error", "Unhandled");
                send(exchange, 200, JSON.createObjectNode().put("errorType", "Runtime.ExitError")
                        .put("errorMessage", "RequestId: " + requestId + " Error: Runtime exited with error: exit status 1")
                        .toString().getBytes(StandardCharsets.UTF_8), null);
            } catch (Throwable t) {
                exchange.getResponseHeaders().add("X-Amz-Function-Error", "Unhandled");
                send(exchange, 200, JSON.createObjectNode().put("errorType", t.getClass().getName())
                        .put("errorMessage", String.valueOf(t.getMessage()))
                        .toString().getBytes(StandardCharsets.UTF_8), null);
            }
        }
    }

    /** "fn", "fn:qualifier" or an ARN: the function's name. */
    static String functionNameOf(String nameOrArn) {
        String n = nameOrArn;
        if (n.startsWith("arn:")) {
            String[] parts = n.split(":");
            n = parts.length > 6 ? parts[6] : n;
        } else if (n.contains(":")) {
            n = n.substring(0, n.indexOf(':'));
        }
        return n;
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String errorType) throws IOException {
        if (errorType != null) {
            exchange.getResponseHeaders().add("X-Amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The Lambda context handed to handlers. */
    static final class TestContext implements Context {
        private final String function;
        private final String requestId;
        private final long deadline = System.currentTimeMillis() + 900_000;

        TestContext(String function, String requestId) {
            this.function = function;
            this.requestId = requestId;
        }

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + function;
        }

        @Override
        public String getLogStreamName() {
            return "local";
        }

        @Override
        public String getFunctionName() {
            return function;
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:" + function;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadline - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.print(message);
                }

                @Override
                public void log(byte[] message) {
                    System.out.print(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
