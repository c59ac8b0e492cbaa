package io.durablebench.counter.durable;

import io.durablebench.durable.TypeToken;
import io.durablebench.durable.serde.SerDes;

/**
 * Keeps checkpointed text as it is. The entity reads its inbox with it, so whatever bytes a sender
 * puts in a callback reach the entity's own validation (a bad message is answered, not fatal)
 * instead of failing JSON decoding inside the runtime.
 */
final class RawTextSerDes implements SerDes {
    @Override
    public String serialize(Object value) {
        return value == null ? null : value.toString();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T deserialize(String data, TypeToken<T> type) {
        if (type.getType() != String.class) {
            throw new IllegalArgumentException("RawTextSerDes reads text only, not " + type);
        }
        return (T) data;
    }
}
