package io.durablebench.model.video;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.durablebench.model.json.WireNamed;
import java.util.List;

/** How a video function runs its chunk encodes in parallel. Written in JSON by {@link #wireName()} ({@link WireNamed}). */
public enum FanOutMode implements WireNamed {
    /** Threads inside the one invocation (bounded by maxConcurrency): no extra invocations. */
    IN_PROCESS,
    /** One Lambda invocation per chunk (at most maxConcurrency at a time): the paper's fan-out. */
    PER_CHUNK_INVOCATION;

    @JsonCreator
    public static FanOutMode fromWireName(String name) {
        return WireNamed.parse(FanOutMode.class, name, "fan-out mode");
    }

    public static List<String> wireNames() {
        return WireNamed.all(FanOutMode.class);
    }
}
