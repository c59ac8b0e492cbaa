package io.durablebench.video.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.jcodec.common.Codec;
import org.jcodec.common.MuxerTrack;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Size;
import org.jcodec.containers.mp4.muxer.MP4Muxer;

/**
 * Writes one H.264 video track into an MP4 in memory. Frames go in as Annex B access units (start
 * codes, SPS/PPS before each IDR, as {@link org.jcodec.codecs.h264.H264Encoder} and JCodec's MP4
 * demuxer produce them); JCodec's muxer moves the parameter sets into the 'avcC' box and stores
 * length-prefixed NAL units. The index ('moov') goes at the end, after all frames.
 */
final class Mp4Writer {
    private final MemoryChannel channel;
    private final MP4Muxer muxer;
    private final MuxerTrack track;
    private final int timescale;
    private long frames;

    Mp4Writer(int width, int height, int timescale, int expectedBytes) {
        this.channel = MemoryChannel.writing(expectedBytes + 64 * 1024);
        this.timescale = timescale;
        try {
            this.muxer = MP4Muxer.createMP4MuxerToChannel(channel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Track timescale = the frames' timescale: JCodec's muxer rescales other timescales wrongly.
        this.track = muxer.addVideoTrack(Codec.H264,
                VideoCodecMeta.createSimpleVideoCodecMeta(new Size(width, height), ColorSpace.YUV420J));
    }

    /**
     * @param annexB   one access unit; not modified (the muxer rewrites a copy in place)
     * @param pts      presentation time in ticks of the writer's timescale
     * @param duration frame duration in ticks
     * @param keyframe true for an IDR frame (becomes a sync sample in 'stss')
     */
    void addFrame(ByteBuffer annexB, long pts, long duration, boolean keyframe) {
        ByteBuffer copy = ByteBuffer.allocate(annexB.remaining());
        copy.put(annexB.duplicate()).flip();
        Packet packet = Packet.createPacket(copy, pts, timescale, duration, frames,
                keyframe ? Packet.FrameType.KEY : Packet.FrameType.INTER, null);
        try {
            track.addFrame(packet);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        frames++;
    }

    long frames() {
        return frames;
    }

    /** Writes the index and returns the whole file, with the wall clock removed from its headers. */
    byte[] finish() {
        if (frames == 0) {
            throw new IllegalStateException("an MP4 needs at least one frame");
        }
        try {
            muxer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = channel.toByteArray();
        Mp4Boxes.clearTimestamps(bytes);
        return bytes;
    }
}
