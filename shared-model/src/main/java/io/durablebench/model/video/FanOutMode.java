package io.durablebench.model.video;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/** How a video function runs its chunk encodes in parallel. Written in JSON by {@link #wireName()}. */
public enum FanOutMode {
    /** Threads inside the one invocation (bounded by maxConcurrency): no extra invocations. */
    IN_PROCESS("in-process"),
    /** One Lambda invocation per chunk (at most maxConcurrency at a time): the paper's fan-out. */
    PER_CHUNK_INVOCATION("per-chunk-invocation");

    private final String wireName;

    FanOutMode(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static FanOutMode fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fan-out mode " + name));
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(FanOutMode::wireName).toList();
    }
}
