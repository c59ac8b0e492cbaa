package io.durablebench.local.s3;

import com.robothy.netty.http.HttpRequest;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns netty's HTTP head and body chunks into the {@link HttpRequest} LocalS3's router takes: header
 * names lower-cased, query parameters parsed, body chunks gathered (retained) in a composite buffer,
 * an interim "100 Continue" for clients that ask for one. It stands in for LocalS3's own decoder,
 * which never let go of a body it was still gathering: a client hanging up halfway through an upload
 * left that body, and the socket's read buffers under it, unreleased. Here the body being gathered
 * is released when the connection goes away; a completed request carries it on to
 * {@link S3HttpPipeline}'s handler, which releases it. A request netty could not parse is answered
 * 400 and its connection closed (LocalS3's decoder waited for a body that never came).
 */
final class S3RequestDecoder extends MessageToMessageDecoder<HttpObject> {
    private HttpRequest.HttpRequestBuilder request;
    private CompositeByteBuf body;

    @Override
    protected void decode(ChannelHandlerContext ctx, HttpObject message, List<Object> out) {
        if (message.decoderResult().isFailure()) {
            releasePendingBody();
            FullHttpResponse refusal = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST);
            refusal.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (message instanceof io.netty.handler.codec.http.HttpRequest head) {
            releasePendingBody(); // only a request netty gave up on leaves a body pending here
            begin(ctx, head);
        }
        if (message instanceof HttpContent chunk && request != null) {
            body.addComponent(true, chunk.content().retain());
            if (message instanceof LastHttpContent) {
                out.add(request.build()); // the body goes with the request
                request = null;
                body = null;
            }
        }
    }

    private void begin(ChannelHandlerContext ctx, io.netty.handler.codec.http.HttpRequest head) {
        Map<CharSequence, String> headers = new HashMap<>();
        head.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        QueryStringDecoder uri = new QueryStringDecoder(head.uri());
        body = Unpooled.compositeBuffer();
        request = HttpRequest.builder()
                .method(head.method())
                .uri(head.uri())
                .httpVersion(head.protocolVersion())
                .headers(headers)
                .body(body)
                .path(uri.path())
                .params(new HashMap<>(uri.parameters()));
        if (HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(head.headers().get(HttpHeaderNames.EXPECT))) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
        releasePendingBody(); // the connection closed (or the pipeline was torn down) mid-request
        super.handlerRemoved(ctx);
    }

    private void releasePendingBody() {
        if (body != null) {
            body.release();
        }
        body = null;
        request = null;
    }
}
