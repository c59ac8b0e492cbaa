package io.durablebench.video.media;

import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.video.VideoRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a source into chunks by frame ranges, by count or by duration.
 *
 * <p><b>Where chunks are cut, and why.</b> Chunk boundaries are exact frame numbers (an even
 * split), not snapped to the source's keyframes, and every chunk is re-encoded so that it starts
 * with its own IDR frame. A chunk that does not start on a source keyframe is decoded from the
 * keyframe before it; the frames in between are decoded as references and dropped
 * ({@link ChunkPlan#leadInFrames()}). We chose this over cutting only at keyframes because:
 * <ul>
 *   <li>the pipeline transcodes every frame anyway (decode, rescale, encode), so each chunk gets a
 *       fresh encoder and a leading IDR for free, and chunks concatenate into a valid stream;</li>
 *   <li>the chunk count stays the experiment's choice instead of the source's GOP structure (a
 *       source with one keyframe could otherwise not be split at all), and chunks are equal to
 *       within one frame, so parallel workers get equal work;</li>
 *   <li>the price is bounded and visible: at most one GOP minus one frame of extra decoding per
 *       chunk, and decoding is several times cheaper than encoding (see README). With the
 *       benchmark source (a keyframe every second) and chunk counts that divide its seconds,
 *       every chunk starts on a keyframe and the lead-in is 0.</li>
 * </ul>
 * Asking for more chunks than the source has frames is an error, not a clamp: a silently smaller
 * chunk count would change the experiment.
 */
public final class ChunkPlanner {
    /** Upper bound on chunks per job: the request's bound. */
    public static final int MAX_CHUNKS = VideoRequest.MAX_CHUNKS;

    private ChunkPlanner() {
    }

    /** {@code chunkCount} chunks whose sizes differ by at most one frame. */
    public static List<ChunkPlan> byCount(VideoInfo source, int chunkCount) {
        if (chunkCount < 1 || chunkCount > MAX_CHUNKS) {
            throw new InvalidInputException("chunkCount", "must be between 1 and " + MAX_CHUNKS + ", got " + chunkCount);
        }
        int frames = source.frameCount();
        if (chunkCount > frames) {
            throw new InvalidInputException("chunkCount", "the source has only " + frames
                    + " frames, so it cannot be split into " + chunkCount + " chunks (each chunk needs a frame)");
        }
        List<ChunkPlan> chunks = new ArrayList<>(chunkCount);
        for (int i = 0; i < chunkCount; i++) {
            int first = (int) ((long) i * frames / chunkCount);
            int end = (int) ((long) (i + 1) * frames / chunkCount);
            chunks.add(new ChunkPlan(i, first, end - first, source.keyframeAtOrBefore(first)));
        }
        return List.copyOf(chunks);
    }

    /**
     * Chunks of {@code seconds} each (rounded to whole frames), the last one holding the rest.
     */
    public static List<ChunkPlan> byDuration(VideoInfo source, double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new InvalidInputException("chunkDurationSeconds", "must be a positive number of seconds, got " + seconds);
        }
        long framesPerChunk = Math.round(seconds * source.framesPerSecond());
        if (framesPerChunk < 1) {
            throw new InvalidInputException("chunkDurationSeconds", seconds + " s is shorter than one frame ("
                    + (1.0 / source.framesPerSecond()) + " s)");
        }
        int frames = source.frameCount();
        long count = (frames + framesPerChunk - 1) / framesPerChunk;
        if (count > MAX_CHUNKS) {
            throw new InvalidInputException("chunkDurationSeconds", seconds + " s chunks would make " + count
                    + " chunks of this " + source.durationSeconds() + " s source; at most " + MAX_CHUNKS + " are allowed");
        }
        List<ChunkPlan> chunks = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            int first = (int) (i * framesPerChunk);
            int n = (int) Math.min(framesPerChunk, frames - first);
            chunks.add(new ChunkPlan(i, first, n, source.keyframeAtOrBefore(first)));
        }
        return List.copyOf(chunks);
    }
}
