package io.durablebench.video.media;

/**
 * One chunk of the source: a run of frames encoded by one worker into one standalone MP4.
 *
 * @param index           0-based position of the chunk in the output
 * @param firstFrame      first source frame of the chunk
 * @param frameCount      frames in the chunk, at least 1
 * @param decodeFromFrame the keyframe at or before {@code firstFrame} where decoding starts; the
 *                        frames before {@code firstFrame} are decoded only as references and
 *                        dropped (see {@link #leadInFrames()})
 */
public record ChunkPlan(int index, int firstFrame, int frameCount, int decodeFromFrame) {
    public ChunkPlan {
        if (index < 0 || firstFrame < 0 || frameCount < 1 || decodeFromFrame < 0 || decodeFromFrame > firstFrame) {
            throw new IllegalArgumentException("invalid chunk " + index + ": frames " + firstFrame + "+" + frameCount
                    + " decoded from " + decodeFromFrame);
        }
    }

    /** One past the chunk's last source frame. */
    public int endFrame() {
        return firstFrame + frameCount;
    }

    /** Frames decoded before the chunk's first frame because it is not a keyframe: the cost of
     *  cutting between keyframes, 0 when the chunk starts on one. */
    public int leadInFrames() {
        return firstFrame - decodeFromFrame;
    }
}
