package io.durablebench.durable.serde;

import io.durablebench.durable.TypeToken;

/**
 * Turns values into the strings stored in checkpoints and back. The default is JSON
 * ({@link JacksonSerDes}); an operation may use its own (for example to encrypt or compress).
 */
public interface SerDes {
    /** The checkpoint text for {@code value}; {@code null} stays {@code null}. */
    String serialize(Object value);

    /** The value a checkpoint text stands for; {@code null} or empty text gives {@code null}. */
    <T> T deserialize(String data, TypeToken<T> type);
}
