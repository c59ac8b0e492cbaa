package io.durablebench.video.media;

import io.durablebench.model.FunctionError;

/**
 * A video the pipeline refuses, with the kind of problem and a sentence naming it. Raised before
 * any output is written; carries no stack trace, because it is an answer to the caller, not a
 * program fault (JCodec's own exceptions never reach the caller).
 */
public final class InvalidMediaException extends RuntimeException {
    /** What is wrong with the input, coarse enough to test and count. */
    public enum Problem {
        /** zero bytes, or a video track without frames */
        EMPTY,
        /** more bytes than {@link MediaLimits#maxBytes()} */
        TOO_LARGE,
        /** longer than {@link MediaLimits#maxDurationSeconds()} */
        TOO_LONG,
        /** wider or taller than {@link MediaLimits} allow */
        RESOLUTION_TOO_HIGH,
        /** not an MP4 (ISO base media) file at all */
        NOT_MP4,
        /** an MP4 cut short: a box runs past the end, or the index ('moov') is missing */
        TRUNCATED,
        /** damaged: the index or a frame cannot be read or decoded */
        CORRUPT,
        /** an MP4 without a video track */
        NO_VIDEO_TRACK,
        /** a video track that is not H.264 */
        WRONG_CODEC,
        /** valid H.264 MP4 using a feature this pipeline does not handle (several video tracks,
         *  B-frames, variable frame rate, interlacing) */
        UNSUPPORTED
    }

    private final Problem problem;

    public InvalidMediaException(Problem problem, String message) {
        super(message, null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** The refusal as a function response's error, blaming the request field that named the video. */
    public FunctionError toFunctionError(String field) {
        return new FunctionError(FunctionError.INVALID_INPUT, field, field + ": " + getMessage());
    }
}
