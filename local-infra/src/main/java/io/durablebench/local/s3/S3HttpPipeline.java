package io.durablebench.local.s3;

import com.robothy.netty.codec.HttpMessageHandler;
import com.robothy.netty.codec.HttpResponseEncoder;
import com.robothy.netty.http.HttpRequest;
import com.robothy.netty.router.Router;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutorGroup;

/**
 * The handlers of one S3 connection: netty's HTTP codec, then (on the executor group) a request
 * decoder, LocalS3's response encoder and LocalS3's router. The chain of LocalS3's own {@code
 * HttpServerInitializer}, except that every request body is released: once the route has answered,
 * or, for a request that never completed, when its connection goes away ({@link S3RequestDecoder}).
 *
 * <p>Why: a request body is a composite of retained slices of the socket's direct read buffers,
 * carried in LocalS3's {@code HttpRequest}, which is not reference counted; so
 * {@link HttpMessageHandler}'s auto-release released nothing, and every request with a body (each
 * PutObject) leaked its read buffers until the garbage collector found them.
 */
final class S3HttpPipeline extends ChannelInitializer<SocketChannel> {
    private final EventExecutorGroup executor;
    private final Router router;

    S3HttpPipeline(EventExecutorGroup executor, Router router) {
        this.executor = executor;
        this.router = router;
    }

    @Override
    protected void initChannel(SocketChannel connection) {
        connection.pipeline()
                .addLast("http-request-decoder", new io.netty.handler.codec.http.HttpRequestDecoder())
                .addLast("http-response-encoder", new io.netty.handler.codec.http.HttpResponseEncoder())
                .addLast(executor, "router-http-request-decoder", new S3RequestDecoder())
                .addLast(executor, "router-http-response-encoder", new HttpResponseEncoder())
                .addLast(executor, "router-http-message-handler", new BodyReleasingMessageHandler(router));
    }

    /** LocalS3's router front, which owns the request it is handed and so releases its body. */
    private static final class BodyReleasingMessageHandler extends HttpMessageHandler {
        BodyReleasingMessageHandler(Router router) {
            super(router);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpRequest request) throws Exception {
            try {
                super.channelRead0(ctx, request);
            } finally {
                // The routes copy what they keep (object content is read into the store as a stream),
                // and the response is built before this returns, so nothing reads the body after this.
                ByteBuf body = request.getBody();
                if (body != null && body.refCnt() > 0) {
                    body.release();
                }
            }
        }
    }
}
