package io.durablebench.video.media;

import io.durablebench.video.media.InvalidMediaException.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jcodec.common.model.Packet;

/**
 * Validates an input and describes it, the pipeline's first step. Checks, cheapest first, each
 * failing with an {@link InvalidMediaException} that names the problem:
 * <ol>
 *   <li>size: not empty, at most {@link MediaLimits#maxBytes()} (for a file, before reading it);</li>
 *   <li>container: MP4 boxes that start with 'ftyp', end inside the file, and include the 'moov' index;</li>
 *   <li>track: exactly one video track, coded in H.264, progressive, 8-bit 4:2:0;</li>
 *   <li>resolution from the sequence parameter set, duration from the index, against the limits;</li>
 *   <li>timing: every frame lasts the same (constant frame rate) and frames come in display
 *       order (no B-frame reordering), the first frame is a keyframe;</li>
 *   <li>content: every frame is decoded, so a damaged frame is found here and not halfway
 *       through the encode.</li>
 * </ol>
 * The full decode is the expensive part; see video-media/README.md for its measured cost.
 */
public final class VideoProbe {
    private VideoProbe() {
    }

    public static VideoInfo probe(Path file, MediaLimits limits) {
        try {
            long size = Files.size(file);
            checkSize(size, limits);
            return probe(Files.readAllBytes(file), limits);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static VideoInfo probe(byte[] bytes, MediaLimits limits) {
        checkSize(bytes.length, limits);
        Mp4Reader reader = Mp4Reader.open(bytes);
        if (reader.width() > limits.maxWidth() || reader.height() > limits.maxHeight()) {
            throw new InvalidMediaException(Problem.RESOLUTION_TOO_HIGH, "resolution " + reader.width() + "x"
                    + reader.height() + " exceeds the limit of " + limits.maxWidth() + "x" + limits.maxHeight());
        }
        if (reader.width() < 16 || reader.height() < 16) {
            throw new InvalidMediaException(Problem.UNSUPPORTED,
                    "resolution " + reader.width() + "x" + reader.height() + " is below the minimum of 16x16");
        }
        double indexed = reader.indexedDurationSeconds();
        if (indexed > limits.maxDurationSeconds()) {
            throw new InvalidMediaException(Problem.TOO_LONG, String.format(java.util.Locale.ROOT,
                    "duration %.3f s exceeds the limit of %.3f s", indexed, limits.maxDurationSeconds()));
        }
        H264FrameDecoder decoder = new H264FrameDecoder(reader);
        List<Integer> keyframes = new ArrayList<>();
        long frameDuration = -1;
        int timescale = reader.timescale();
        Packet p;
        while ((p = reader.next()) != null) {
            int i = reader.position() - 1;
            if (p.getTimescale() != timescale) {
                throw new InvalidMediaException(Problem.CORRUPT, "frame " + i + " has timescale " + p.getTimescale()
                        + ", the track " + timescale);
            }
            if (i == 0) {
                frameDuration = p.getDuration();
                if (frameDuration <= 0) {
                    throw new InvalidMediaException(Problem.CORRUPT, "frame 0 has no duration");
                }
                if (!p.isKeyFrame()) {
                    throw new InvalidMediaException(Problem.CORRUPT, "the first frame is not a keyframe");
                }
            } else if (p.getDuration() != frameDuration) {
                throw new InvalidMediaException(Problem.UNSUPPORTED, "variable frame rate is not supported: frame " + i
                        + " lasts " + p.getDuration() + " ticks, frame 0 lasts " + frameDuration);
            }
            if (p.getPts() != i * frameDuration) {
                throw new InvalidMediaException(Problem.UNSUPPORTED, "frame " + i + " is shown at tick " + p.getPts()
                        + " instead of " + i * frameDuration + ": frame reordering (B-frames), edit lists and "
                        + "gaps are not supported");
            }
            if (p.isKeyFrame()) {
                keyframes.add(i);
            }
            decoder.decode(p, i);
        }
        VideoInfo info = new VideoInfo("mp4", "h264", reader.width(), reader.height(), timescale, frameDuration,
                reader.frameCount(), keyframes, reader.sizeBytes());
        if (info.durationSeconds() > limits.maxDurationSeconds()) {
            throw new InvalidMediaException(Problem.TOO_LONG, String.format(java.util.Locale.ROOT,
                    "duration %.3f s exceeds the limit of %.3f s", info.durationSeconds(), limits.maxDurationSeconds()));
        }
        return info;
    }

    private static void checkSize(long size, MediaLimits limits) {
        if (size == 0) {
            throw new InvalidMediaException(Problem.EMPTY, "input is empty (0 bytes)");
        }
        if (size > limits.maxBytes()) {
            throw new InvalidMediaException(Problem.TOO_LARGE,
                    "input is " + size + " bytes, more than the limit of " + limits.maxBytes());
        }
    }
}
