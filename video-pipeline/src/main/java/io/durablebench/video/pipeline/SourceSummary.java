package io.durablebench.video.pipeline;

import io.durablebench.video.media.VideoInfo;
import java.util.List;

/**
 * What validation found out about a source, small enough for a checkpoint or a record (the
 * keyframe list, which can be long, is not kept: planning uses the probe result directly).
 *
 * @param eTag the source object's ETag when it was validated: later reads insist on the same object
 */
public record SourceSummary(int width, int height, int timescale, long frameDurationTicks, int frameCount,
                            long sizeBytes, String eTag) {
    public static SourceSummary of(VideoInfo info, String eTag) {
        return new SourceSummary(info.width(), info.height(), info.timescale(), info.frameDurationTicks(),
                info.frameCount(), info.sizeBytes(), eTag);
    }

    /** The source as {@link io.durablebench.video.media.VideoVerifier} compares against (frames, timing, size). */
    public VideoInfo toVideoInfo() {
        return new VideoInfo("mp4", "h264", width, height, timescale, frameDurationTicks, frameCount, List.of(0),
                sizeBytes);
    }

    public double durationSeconds() {
        return (double) frameCount * frameDurationTicks / timescale;
    }
}
