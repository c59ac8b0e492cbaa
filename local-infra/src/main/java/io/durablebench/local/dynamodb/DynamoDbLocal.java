package io.durablebench.local.dynamodb;

import io.durablebench.local.LoopbackEndpoint;
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A real DynamoDB (AWS's DynamoDB Local) running inside this JVM on a free loopback port.
 * In memory by default, or persisted to a folder so its state outlives the process.
 *
 * <pre>{@code
 * try (DynamoDbLocal ddb = DynamoDbLocal.startInMemory()) {
 *     DynamoDbClient client = ddb.client();
 * }
 * }</pre>
 */
public final class DynamoDbLocal implements AutoCloseable {
    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbLocal(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static DynamoDbLocal startInMemory() {
        return start(null);
    }

    /** Starts with its data in {@code dataDir}, or in memory when it is null. */
    public static DynamoDbLocal start(Path dataDir) {
        SqliteNatives.install();
        Exception last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freeLoopbackPort();
            List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-disableTelemetry"));
            if (dataDir == null) {
                args.add("-inMemory");
            } else {
                args.addAll(List.of("-dbPath", dataDir.toAbsolutePath().toString(), "-sharedDb"));
            }
            try {
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
                bindToLoopback(server);
                server.start();
                return new DynamoDbLocal(server, port);
            } catch (Exception e) {
                last = e; // most likely the port was taken between probing and binding
            }
        }
        throw new IllegalStateException("DynamoDB Local did not start", last);
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return loopback().uri();
    }

    /** A client for this instance (not metered; for setup and inspection). */
    public DynamoDbClient client() {
        return loopback().configure(DynamoDbClient.builder()).build();
    }

    /** The environment variables that point a function's AWS SDK at this instance. */
    public java.util.Map<String, String> environment() {
        return loopback().environment("DYNAMODB");
    }

    private LoopbackEndpoint loopback() {
        return new LoopbackEndpoint(port);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        }
    }

    static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * DynamoDB Local's command line has no bind-address option and listens on every interface.
     * Our test servers must listen on loopback only, so we set the host of its Jetty connectors
     * before it starts.
     */
    private static void bindToLoopback(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector sc) {
                sc.setHost(InetAddress.getLoopbackAddress().getHostAddress());
            }
        }
    }
}
