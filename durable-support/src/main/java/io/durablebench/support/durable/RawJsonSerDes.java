package io.durablebench.support.durable;

import io.durablebench.durable.TypeToken;
import io.durablebench.durable.serde.SerDes;

/** Hands the input through as {@link RawJson}; every other value goes to the default serializer. */
public final class RawJsonSerDes implements SerDes {
    private final SerDes delegate;

    public RawJsonSerDes(SerDes delegate) {
        this.delegate = delegate;
    }

    @Override
    public String serialize(Object value) {
        return value instanceof RawJson raw ? raw.text() : delegate.serialize(value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T deserialize(String data, TypeToken<T> type) {
        if (type.getType() == RawJson.class) {
            return (T) new RawJson(data == null ? "" : data);
        }
        return delegate.deserialize(data, type);
    }
}
