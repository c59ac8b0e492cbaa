package io.durablebench.model.video;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.durablebench.model.json.WireNamed;
import io.durablebench.video.pipeline.JobStage;
import java.util.List;

/**
 * A named point of the video pipeline where a function can be told to crash, to compare how the
 * durable and the baseline function recover. Written in JSON by {@link #wireName()} ({@link WireNamed}).
 */
public enum CrashPoint implements WireNamed {
    /** After the source was validated, before anything was written. */
    AFTER_VALIDATE,
    /** After the chunk plan (and any per-chunk source segments) were stored, before any encode. */
    AFTER_SPLIT,
    /** After half of the chunks (rounded up) were encoded and stored, the others not yet. */
    MID_ENCODE,
    /** After every chunk was encoded and stored, before assembly. */
    AFTER_ENCODE,
    /** After the output was assembled and stored, before it was verified. */
    AFTER_ASSEMBLE,
    /** After verification, before the response. */
    AFTER_VERIFY,
    /**
     * A job that failed for good, in the middle of its compensation: its encoded chunks and output
     * are deleted, its segments not yet (reached only by a job that fails, e.g. with
     * {@code chunkFailureProbability} 1).
     */
    MID_COMPENSATION;

    @JsonCreator
    public static CrashPoint fromWireName(String name) {
        return WireNamed.parse(CrashPoint.class, name, "crash point");
    }

    /** The point right after {@code stage}. */
    public static CrashPoint after(JobStage stage) {
        return switch (stage) {
            case VALIDATE -> AFTER_VALIDATE;
            case SPLIT -> AFTER_SPLIT;
            case ENCODE -> AFTER_ENCODE;
            case ASSEMBLE -> AFTER_ASSEMBLE;
            case VERIFY -> AFTER_VERIFY;
        };
    }

    static List<String> wireNames() {
        return WireNamed.all(CrashPoint.class);
    }
}
