package io.durablebench.model.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One JSON object being decoded, with the path that names it in error messages. Every accessor
 * checks the JSON type exactly (no coercion of "1" to 1 or 1.0 to 1) and the allowed-key set is
 * checked up front, so an unknown or misspelt field is reported rather than ignored.
 */
public final class JsonFields {
    /** Ids usable as DynamoDB key parts, durable operation names and durable execution names. */
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final JsonNode node;
    private final String path;

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The document root, which must be an object with only the given keys. */
    public static JsonFields root(JsonNode node, Set<String> allowedKeys) {
        return object(node, "", allowedKeys);
    }

    public static JsonFields object(JsonNode node, String path, Set<String> allowedKeys) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(path, "expected a JSON object, got " + describe(node));
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowedKeys.contains(name)) {
                throw new InvalidInputException(child(path, name),
                        "unknown field; allowed fields are " + new java.util.TreeSet<>(allowedKeys));
            }
        }
        return new JsonFields(node, path);
    }

    public String path() {
        return path;
    }

    public String pathOf(String field) {
        return child(path, field);
    }

    public boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    public String requiredString(String field) {
        return optionalString(field).orElseThrow(
                () -> new InvalidInputException(pathOf(field), "required string is missing"));
    }

    public Optional<String> optionalString(String field) {
        return optional(field, JsonNode::isTextual, "a string").map(JsonNode::textValue);
    }

    /** The field's value unless missing or null; a value of another kind is refused as not the expected one. */
    private Optional<JsonNode> optional(String field, Predicate<JsonNode> kind, String expected) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!kind.test(v)) {
            throw new InvalidInputException(pathOf(field), "expected " + expected + ", got " + describe(v));
        }
        return Optional.of(v);
    }

    /** A required id: 1-64 characters of letters, digits, '-' and '_'. */
    public String requiredId(String field) {
        String value = requiredString(field);
        if (!ID_PATTERN.matcher(value).matches()) {
            throw new InvalidInputException(pathOf(field),
                    "must be 1-64 characters of letters, digits, '-' or '_', got " + quote(value));
        }
        return value;
    }

    public long requiredLong(String field, long min, long max) {
        return optionalLong(field, min, max).orElseThrow(
                () -> new InvalidInputException(pathOf(field), "required integer is missing"));
    }

    public Optional<Long> optionalLong(String field, long min, long max) {
        return optional(field, JsonNode::isIntegralNumber, "an integer between " + min + " and " + max).map(v -> {
            BigInteger big = v.bigIntegerValue();
            if (big.compareTo(BigInteger.valueOf(min)) < 0 || big.compareTo(BigInteger.valueOf(max)) > 0) {
                throw new InvalidInputException(pathOf(field),
                        "integer out of range: must be between " + min + " and " + max + ", got " + big);
            }
            return big.longValue();
        });
    }

    public Optional<Double> optionalNumber(String field, double min, double max) {
        return optional(field, JsonNode::isNumber, "a number between " + min + " and " + max).map(v -> {
            double d = v.doubleValue();
            if (!(d >= min && d <= max)) {
                throw new InvalidInputException(pathOf(field),
                        "number out of range: must be between " + min + " and " + max + ", got " + v.asText());
            }
            return d;
        });
    }

    public Optional<Boolean> optionalBoolean(String field) {
        return optional(field, JsonNode::isBoolean, "true or false").map(JsonNode::booleanValue);
    }

    /** A value of a closed set, matched case-insensitively against the enum constants' names. */
    public <E extends Enum<E>> E requiredEnum(String field, Class<E> type) {
        return optionalEnum(field, type).orElseThrow(
                () -> new InvalidInputException(pathOf(field), "required field is missing; one of " + names(type)));
    }

    public <E extends Enum<E>> Optional<E> optionalEnum(String field, Class<E> type) {
        Optional<String> raw = optionalString(field);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(raw.get())) {
                return Optional.of(constant);
            }
        }
        throw new InvalidInputException(pathOf(field),
                "unknown value " + quote(raw.get()) + "; one of " + names(type));
    }

    /** A required array of 1..maxItems elements, each decoded by {@code element(node, path)}. */
    public <T> List<T> requiredArray(String field, int maxItems, BiFunction<JsonNode, String, T> element) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidInputException(pathOf(field), "required array is missing");
        }
        if (!v.isArray()) {
            throw new InvalidInputException(pathOf(field), "expected an array, got " + describe(v));
        }
        if (v.isEmpty()) {
            throw new InvalidInputException(pathOf(field), "must hold at least 1 element");
        }
        if (v.size() > maxItems) {
            throw new InvalidInputException(pathOf(field),
                    "too many elements: at most " + maxItems + ", got " + v.size());
        }
        List<T> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(element.apply(v.get(i), pathOf(field) + "[" + i + "]"));
        }
        return List.copyOf(out);
    }

    public JsonNode raw(String field) {
        return node.get(field);
    }

    static String child(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return "string " + quote(v.textValue());
        }
        if (v.isIntegralNumber()) {
            return "integer " + v.asText();
        }
        if (v.isNumber()) {
            return "number " + v.asText();
        }
        if (v.isBoolean()) {
            return "boolean " + v.asText();
        }
        if (v.isArray()) {
            return "an array";
        }
        return "an object";
    }

    static String quote(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder b = new StringBuilder("\"");
        for (char c : shown.toCharArray()) {
            if (c < 0x20 || c == '"' || c == '\\') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(java.util.Locale.ROOT));
        }
        return names.toString();
    }
}
