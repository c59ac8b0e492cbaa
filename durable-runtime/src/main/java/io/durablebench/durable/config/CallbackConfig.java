package io.durablebench.durable.config;

import io.durablebench.durable.serde.SerDes;
import java.time.Duration;

/**
 * Options of a callback: how long to wait for it in total and between heartbeats (null: no
 * limit), and the serializer of its result.
 */
public record CallbackConfig(Duration timeout, Duration heartbeatTimeout, SerDes serDes) {
    public static final CallbackConfig DEFAULT = new CallbackConfig(null, null, null);

    public static CallbackConfig of(Duration timeout, Duration heartbeatTimeout) {
        return new CallbackConfig(timeout, heartbeatTimeout, null);
    }

    public CallbackConfig withSerDes(SerDes serDes) {
        return new CallbackConfig(timeout, heartbeatTimeout, serDes);
    }
}
