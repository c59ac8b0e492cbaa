package io.durablebench.video.media;

import java.util.List;

/**
 * What {@link VideoProbe} found in a valid input: an H.264 video track in an MP4 container, at a
 * constant frame rate, in decode order equal to display order.
 *
 * @param container          always {@code "mp4"}
 * @param codec              always {@code "h264"}
 * @param width              displayed width in pixels (after the stream's cropping)
 * @param height             displayed height in pixels
 * @param timescale          ticks per second of the track's timestamps
 * @param frameDurationTicks every frame's duration, in ticks
 * @param frameCount         frames in the track
 * @param keyframes          indexes (0-based, in frame order) of the frames that start a closed group
 *                           of pictures (the track's sync samples); always starts with 0
 * @param sizeBytes          size of the whole file
 */
public record VideoInfo(String container, String codec, int width, int height, int timescale,
                        long frameDurationTicks, int frameCount, List<Integer> keyframes, long sizeBytes) {
    public VideoInfo {
        keyframes = List.copyOf(keyframes);
    }

    /** Duration of the track in ticks of {@link #timescale()}. */
    public long durationTicks() {
        return frameCount * frameDurationTicks;
    }

    public double durationSeconds() {
        return (double) durationTicks() / timescale;
    }

    public double framesPerSecond() {
        return (double) timescale / frameDurationTicks;
    }

    /** The last keyframe at or before {@code frame}: where decoding must start to reach it. */
    public int keyframeAtOrBefore(int frame) {
        if (frame < 0 || frame >= frameCount) {
            throw new IndexOutOfBoundsException("frame " + frame + " of " + frameCount);
        }
        int found = 0;
        for (int k : keyframes) {
            if (k > frame) {
                break;
            }
            found = k;
        }
        return found;
    }
}
