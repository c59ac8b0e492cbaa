package io.durablebench.durable;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A full generic type for results the runtime must deserialize on replay, e.g.
 * {@code new TypeToken<List<String>>() {}}.
 */
public abstract class TypeToken<T> {
    private final Type type;

    protected TypeToken() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType p)) {
            throw new IllegalArgumentException("TypeToken must be created with a type argument: new TypeToken<X>() {}");
        }
        this.type = p.getActualTypeArguments()[0];
    }

    private TypeToken(Type type) {
        this.type = type;
    }

    public static <T> TypeToken<T> of(Class<T> type) {
        return new TypeToken<>(type) {
        };
    }

    /** A token for an already-known reflective type. */
    public static TypeToken<Object> ofType(Type type) {
        return new TypeToken<>(type) {
        };
    }

    public Type getType() {
        return type;
    }

    @Override
    public String toString() {
        return type.getTypeName();
    }
}
