package io.durablebench.model.video;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.durablebench.video.pipeline.JobStage;
import java.util.Arrays;
import java.util.List;

/**
 * A named point of the video pipeline where a function can be told to crash, to compare how the
 * durable and the baseline function recover. Written in JSON by {@link #wireName()}.
 */
public enum CrashPoint {
    /** After the source was validated, before anything was written. */
    AFTER_VALIDATE("after-validate"),
    /** After the chunk plan (and any per-chunk source segments) were stored, before any encode. */
    AFTER_SPLIT("after-split"),
    /** After half of the chunks (rounded up) were encoded and stored, the others not yet. */
    MID_ENCODE("mid-encode"),
    /** After every chunk was encoded and stored, before assembly. */
    AFTER_ENCODE("after-encode"),
    /** After the output was assembled and stored, before it was verified. */
    AFTER_ASSEMBLE("after-assemble"),
    /** After verification, before the response. */
    AFTER_VERIFY("after-verify"),
    /**
     * A job that failed for good, in the middle of its compensation: its encoded chunks and output
     * are deleted, its segments not yet (reached only by a job that fails, e.g. with
     * {@code chunkFailureProbability} 1).
     */
    MID_COMPENSATION("mid-compensation");

    private final String wireName;

    CrashPoint(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static CrashPoint fromWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown crash point " + name));
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
        return Arrays.stream(values()).map(CrashPoint::wireName).toList();
    }
}
