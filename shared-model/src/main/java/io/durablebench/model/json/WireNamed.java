package io.durablebench.model.json;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An enum written in JSON by the kebab-case of its constant's name ({@code PER_CHUNK_INVOCATION} is
 * {@code per-chunk-invocation}), and read back by it ({@link #parse}).
 */
public interface WireNamed {
    /** The constant's name in lower case, words joined by '-'. */
    @JsonValue
    default String wireName() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant of {@code type} written {@code name}; an error naming {@code what} it is for any other name. */
    static <E extends Enum<E> & WireNamed> E parse(Class<E> type, String name, String what) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.wireName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + what + " " + name));
    }

    /** Every constant's wire name, in declaration order. */
    static <E extends Enum<E> & WireNamed> List<String> all(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireNamed::wireName).toList();
    }
}
