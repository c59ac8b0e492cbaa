package io.durablebench.model.video;

import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.JsonFields;
import java.util.List;
import java.util.function.Function;

/** Enum fields written with hyphenated wire names ("in-process"), matched exactly. */
public final class WireEnums {
    private WireEnums() {
    }

    public static <E> E optional(JsonFields f, String field, List<String> names, Function<String, E> byName) {
        String raw = f.optionalString(field).orElse(null);
        if (raw == null) {
            return null;
        }
        if (!names.contains(raw)) {
            String shown = raw.length() > 80 ? raw.substring(0, 80) + "..." : raw;
            throw new InvalidInputException(f.pathOf(field), "unknown value \"" + shown.replaceAll("\\p{Cntrl}", "?")
                    + "\"; one of " + names);
        }
        return byName.apply(raw);
    }
}
