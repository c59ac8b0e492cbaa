package io.durablebench.video.media;

/**
 * One transcoded chunk: a standalone MP4 whose first frame is an IDR frame and whose timestamps
 * start at 0. Encoding the same chunk with the same settings gives the same bytes, so a retried
 * chunk overwrites its earlier upload with an identical object.
 *
 * @param index         the chunk's position in the output
 * @param firstFrame    first source frame it holds
 * @param frameCount    frames it holds
 * @param decodedFrames frames decoded to make it (frameCount plus the lead-in from the keyframe before)
 * @param width         its width in pixels
 * @param height        its height in pixels
 * @param mp4           the file (not copied: do not modify)
 */
public record EncodedChunk(int index, int firstFrame, int frameCount, int decodedFrames, int width, int height,
                           byte[] mp4) {
    public long sizeBytes() {
        return mp4.length;
    }
}
