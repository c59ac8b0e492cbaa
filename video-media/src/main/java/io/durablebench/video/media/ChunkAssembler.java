package io.durablebench.video.media;

import java.nio.ByteBuffer;
import java.util.List;
import org.jcodec.common.model.Packet;

/**
 * Joins encoded chunks, in order, into one MP4 without re-encoding. Every chunk starts with an IDR
 * frame, so the compressed frames can follow each other as they are; timestamps continue from one
 * chunk to the next. All chunks must come from the same encoder settings: the output has one
 * H.264 configuration, so their SPS/PPS must be byte-identical.
 */
public final class ChunkAssembler {
    private ChunkAssembler() {
    }

    public static byte[] assemble(List<byte[]> chunks) {
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("nothing to assemble: no chunks");
        }
        Mp4Reader first = Mp4Reader.open(chunks.get(0));
        List<ByteBuffer> parameterSets = first.parameterSets();
        long total = 0;
        for (byte[] c : chunks) {
            total += c.length;
        }
        Mp4Writer writer = new Mp4Writer(first.width(), first.height(), first.timescale(),
                (int) Math.min(Integer.MAX_VALUE / 2, total));
        long pts = 0;
        for (int c = 0; c < chunks.size(); c++) {
            Mp4Reader reader = c == 0 ? first : Mp4Reader.open(chunks.get(c));
            if (reader.width() != first.width() || reader.height() != first.height()
                    || reader.timescale() != first.timescale()) {
                throw new IllegalArgumentException("chunk " + c + " is " + reader.width() + "x" + reader.height()
                        + " at timescale " + reader.timescale() + ", chunk 0 is " + first.width() + "x"
                        + first.height() + " at timescale " + first.timescale());
            }
            if (!reader.parameterSets().equals(parameterSets)) {
                throw new IllegalArgumentException("chunk " + c + " was encoded with other settings than chunk 0 "
                        + "(its H.264 SPS/PPS differ)");
            }
            Packet p;
            boolean firstFrame = true;
            while ((p = reader.next()) != null) {
                if (firstFrame && !p.isKeyFrame()) {
                    throw new IllegalArgumentException("chunk " + c + " does not start with a keyframe");
                }
                firstFrame = false;
                writer.addFrame(p.getData(), pts, p.getDuration(), p.isKeyFrame());
                pts += p.getDuration();
            }
        }
        return writer.finish();
    }
}
