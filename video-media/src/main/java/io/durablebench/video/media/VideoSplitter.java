package io.durablebench.video.media;

import org.jcodec.common.model.Packet;

/**
 * Cuts a chunk's segment out of the source without re-encoding: the compressed frames from the
 * keyframe where the chunk's decoding starts to its last frame, in a standalone MP4. A pipeline
 * can store segments so that each encode worker downloads only its part of the source rather
 * than all of it.
 */
public final class VideoSplitter {
    private VideoSplitter() {
    }

    /** The frames {@code [chunk.decodeFromFrame(), chunk.endFrame())} of the source, timestamps from 0. */
    public static byte[] segment(byte[] source, ChunkPlan chunk) {
        Mp4Reader reader = Mp4Reader.open(source);
        if (chunk.endFrame() > reader.frameCount()) {
            throw new IllegalArgumentException("chunk " + chunk.index() + " ends at frame " + chunk.endFrame()
                    + " but the source has " + reader.frameCount() + " frames");
        }
        reader.seek(chunk.decodeFromFrame());
        int frames = chunk.endFrame() - chunk.decodeFromFrame();
        Mp4Writer writer = new Mp4Writer(reader.width(), reader.height(), reader.timescale(),
                (int) Math.min(Integer.MAX_VALUE / 2, (long) source.length * frames / reader.frameCount()));
        long pts = 0;
        for (int i = 0; i < frames; i++) {
            Packet p = reader.next();
            writer.addFrame(p.getData(), pts, p.getDuration(), p.isKeyFrame());
            pts += p.getDuration();
        }
        return writer.finish();
    }

    /** The chunk's plan relative to its {@link #segment}: same frames, numbered from the segment's start. */
    public static ChunkPlan withinSegment(ChunkPlan chunk) {
        return new ChunkPlan(chunk.index(), chunk.leadInFrames(), chunk.frameCount(), 0);
    }
}
