package io.durablebench.video.media;

import io.durablebench.video.media.InvalidMediaException.Problem;
import org.jcodec.codecs.h264.H264Decoder;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;

/**
 * Decodes one H.264 stream frame by frame, starting at a keyframe. The decoded picture lives in a
 * buffer that the next call overwrites (JCodec's decoder copies what it keeps as a reference), so
 * a caller uses each picture before decoding the next.
 */
final class H264FrameDecoder {
    private final H264Decoder decoder = new H264Decoder();
    private final byte[][] buffer;
    private final int width;
    private final int height;

    H264FrameDecoder(Mp4Reader reader) {
        this.buffer = Picture.create(reader.codedWidth(), reader.codedHeight(), ColorSpace.YUV420).getData();
        this.width = reader.width();
        this.height = reader.height();
    }

    /** The picture of {@code packet}, frame {@code frameIndex} of the stream (for error messages). */
    Picture decode(Packet packet, int frameIndex) {
        Picture picture;
        try {
            picture = decoder.decodeFrame(packet.getData().duplicate(), buffer);
        } catch (RuntimeException | StackOverflowError e) {
            throw new InvalidMediaException(Problem.CORRUPT,
                    "H.264 frame " + frameIndex + " cannot be decoded: " + Mp4Reader.describe(e));
        }
        if (picture == null) {
            throw new InvalidMediaException(Problem.CORRUPT, "H.264 frame " + frameIndex + " holds no picture");
        }
        if (picture.getCroppedWidth() != width || picture.getCroppedHeight() != height) {
            throw new InvalidMediaException(Problem.CORRUPT, "H.264 frame " + frameIndex + " is "
                    + picture.getCroppedWidth() + "x" + picture.getCroppedHeight() + ", but the stream is "
                    + width + "x" + height);
        }
        return picture;
    }
}
