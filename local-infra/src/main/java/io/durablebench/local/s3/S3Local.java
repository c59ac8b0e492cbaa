package io.durablebench.local.s3;

import io.durablebench.local.LoopbackEndpoint;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.robothy.s3.core.service.BucketService;
import com.robothy.s3.core.service.ObjectService;
import com.robothy.s3.core.service.manager.LocalS3Manager;
import com.robothy.s3.core.service.manager.vectors.LocalS3VectorsManager;
import com.robothy.s3.core.service.s3vectors.S3VectorsService;
import com.robothy.s3.rest.handler.LocalS3RouterFactory;
import com.robothy.s3.rest.service.DefaultServiceFactory;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLInputFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server running inside this JVM on a free loopback port: the storage engine of
 * LocalS3 (io.github.robothy:local-s3) behind its netty HTTP front end. In memory by default, or
 * kept in a folder so objects outlive the process. Clients must use path-style addressing
 * ({@code http://127.0.0.1:<port>/<bucket>/<key>}). Why this server: docs/adr/0002-local-s3.md.
 *
 * <p>LocalS3's own launcher binds every interface and registers a JVM shutdown hook per start;
 * ours wires the same components (storage services, XML and JSON mappers, router) but binds
 * 127.0.0.1 only and stops when closed.
 *
 * <pre>{@code
 * try (S3Local s3 = S3Local.startInMemory()) {
 *     S3Client client = s3.client();
 * }
 * }</pre>
 */
public final class S3Local implements AutoCloseable {
    private final EventLoops loops;
    private final ChannelGroup connections;
    private final Channel serverChannel;
    private final int port;

    /** The server's threads: accepting, connection I/O, and the request handlers. */
    private record EventLoops(EventLoopGroup parent, EventLoopGroup child, EventExecutorGroup executor) {
    }

    private S3Local(EventLoops loops, ChannelGroup connections, Channel serverChannel, int port) {
        this.loops = loops;
        this.connections = connections;
        this.serverChannel = serverChannel;
        this.port = port;
    }

    public static S3Local startInMemory() {
        return start(null);
    }

    /** Starts with its objects in {@code dataDir} (created if missing), or in memory when it is null. */
    public static S3Local start(Path dataDir) {
        DefaultServiceFactory services = services(dataDir);
        EventLoopGroup parent = new NioEventLoopGroup(1, new DefaultThreadFactory("s3-local-accept", true));
        EventLoopGroup child = new NioEventLoopGroup(2, new DefaultThreadFactory("s3-local-io", true));
        EventExecutorGroup executor = new DefaultEventLoopGroup(4, new DefaultThreadFactory("s3-local-exec", true));
        ChannelGroup connections = new DefaultChannelGroup("s3-local-connections", GlobalEventExecutor.INSTANCE);
        S3HttpPipeline http = new S3HttpPipeline(executor, LocalS3RouterFactory.create(services));
        ServerBootstrap bootstrap = new ServerBootstrap().group(parent, child)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel connection) {
                        connections.add(connection); // so that close() can end kept-alive connections first
                        connection.pipeline().addLast(http);
                    }
                });
        Exception last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freeLoopbackPort();
            try {
                Channel channel = bootstrap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                        .sync().channel();
                return new S3Local(new EventLoops(parent, child, executor), connections, channel, port);
            } catch (Exception e) {
                last = e; // most likely the port was taken between probing and binding
            }
        }
        shutdown(parent, child, executor);
        throw new IllegalStateException("S3 local did not start", last);
    }

    /** The storage engine and what LocalS3's request handlers look up: its services and mappers. */
    private static DefaultServiceFactory services(Path dataDir) {
        LocalS3Manager manager;
        LocalS3VectorsManager vectors;
        if (dataDir == null) {
            manager = LocalS3Manager.createInMemoryS3Manager(null, false);
            vectors = LocalS3VectorsManager.createInMemory();
        } else {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            manager = LocalS3Manager.createFileSystemS3Manager(dataDir);
            vectors = LocalS3VectorsManager.createFileSystem(dataDir.resolve("vectors"));
        }
        BucketService buckets = manager.bucketService();
        ObjectService objects = manager.objectService();
        S3VectorsService vectorService = vectors.s3VectorsService();
        DefaultServiceFactory services = new DefaultServiceFactory();
        services.register(BucketService.class, () -> buckets);
        services.register(ObjectService.class, () -> objects);
        services.register(S3VectorsService.class, () -> vectorService);

        // S3 request bodies are XML; no DTDs or external entities, namespaces ignored.
        XmlFactory xmlFactory = new XmlFactory();
        XMLInputFactory xmlInput = xmlFactory.getXMLInputFactory();
        xmlInput.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.FALSE);
        xmlInput.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        xmlInput.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        XmlMapper xml = new XmlMapper(xmlFactory);
        xml.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        xml.registerModule(new Jdk8Module());
        xml.registerModule(new JavaTimeModule());
        services.register(XmlMapper.class, () -> xml);

        ObjectMapper json = new ObjectMapper();
        json.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        json.configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
        json.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        json.registerModule(new Jdk8Module());
        json.registerModule(new JavaTimeModule());
        services.register(ObjectMapper.class, () -> json);
        return services;
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return loopback().uri();
    }

    /** A client for this server (path-style, not metered; for setup and inspection). */
    public S3Client client() {
        return loopback().configure(S3Client.builder().forcePathStyle(true)).build();
    }

    private LoopbackEndpoint loopback() {
        return new LoopbackEndpoint(port);
    }

    /** Creates the bucket unless it exists. */
    public void createBucket(String name) {
        try (S3Client s3 = client()) {
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(name))) {
                s3.createBucket(r -> r.bucket(name));
            }
        }
    }

    /** The environment variables that point a function's AWS SDK at this server. */
    public Map<String, String> environment() {
        return loopback().environment("S3");
    }

    @Override
    public void close() {
        try {
            serverChannel.close().sync();
            connections.close().sync();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // The I/O loops first: closing connections still hands events to the executor group.
            shutdown(loops.parent(), loops.child());
            shutdown(loops.executor());
        }
    }

    private static void shutdown(EventExecutorGroup... groups) {
        for (EventExecutorGroup g : groups) {
            g.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
        for (EventExecutorGroup g : groups) {
            g.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
