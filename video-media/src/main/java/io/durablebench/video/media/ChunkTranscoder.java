package io.durablebench.video.media;

import io.durablebench.video.media.InvalidMediaException.Problem;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.common.VideoEncoder.EncodedFrame;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;

/**
 * Encodes one chunk: decodes its frames (starting at the keyframe before it), rescales them to the
 * target size and encodes them with a fresh H.264 encoder, so the chunk starts with an IDR frame
 * and stands alone. The input is either the whole source with the chunk's plan, or the chunk's
 * segment from {@link VideoSplitter} with the plan {@link VideoSplitter#withinSegment rebased}
 * to it; both give the same bytes.
 */
public final class ChunkTranscoder {
    private ChunkTranscoder() {
    }

    public static EncodedChunk transcode(byte[] source, ChunkPlan chunk, EncodeSettings settings) {
        Mp4Reader reader = Mp4Reader.open(source);
        if (chunk.endFrame() > reader.frameCount()) {
            throw new IllegalArgumentException("chunk " + chunk.index() + " ends at frame " + chunk.endFrame()
                    + " but the input has " + reader.frameCount() + " frames");
        }
        reader.seek(chunk.decodeFromFrame());
        H264FrameDecoder decoder = new H264FrameDecoder(reader);
        H264Encoder encoder = new H264Encoder(new QpRateControl(settings.qp()));
        encoder.setKeyInterval(settings.keyInterval());
        encoder.setMotionSearchRange(settings.motionSearchRange());
        int w = settings.width();
        int h = settings.height();
        Mp4Writer writer = new Mp4Writer(w, h, reader.timescale(), chunk.frameCount() * w * h / 8);
        // The encoder's own picture buffer is w*h bytes; headers and escaping need a little more.
        ByteBuffer out = ByteBuffer.allocate(2 * w * h + (1 << 16));
        long pts = 0;
        for (int i = chunk.decodeFromFrame(); i < chunk.endFrame(); i++) {
            Packet packet = reader.next();
            if (i == chunk.decodeFromFrame() && !packet.isKeyFrame()) {
                throw new InvalidMediaException(Problem.CORRUPT,
                        "frame " + i + ", where decoding of chunk " + chunk.index() + " starts, is not a keyframe");
            }
            Picture decoded = decoder.decode(packet, i);
            if (i < chunk.firstFrame()) {
                continue; // lead-in: decoded only so that the frames after it have their references
            }
            Picture input = PictureScaler.toEncoderInput(decoded, w, h);
            out.clear();
            EncodedFrame encoded;
            try {
                encoded = encoder.encodeFrame(input, out);
            } catch (BufferOverflowException e) {
                throw new IllegalStateException("frame " + i + " does not fit JCodec's picture buffer at qp "
                        + settings.qp() + "; use a higher qp", e);
            }
            writer.addFrame(encoded.getData(), pts, packet.getDuration(), encoded.isKeyFrame());
            pts += packet.getDuration();
        }
        return new EncodedChunk(chunk.index(), chunk.firstFrame(), chunk.frameCount(),
                chunk.endFrame() - chunk.decodeFromFrame(), w, h, writer.finish());
    }
}
