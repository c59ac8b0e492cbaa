package io.durablebench.model.counter;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What one counter operation does. Written in JSON in lower case: increment, decrement, read. */
public enum CounterOperationType {
    INCREMENT,
    DECREMENT,
    READ;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean mutates() {
        return this != READ;
    }
}
