package io.durablebench.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A generator of hostile JSON documents for one function: a valid document (the base) and, per
 * field, what the function must refuse there. Every case it makes is invalid by construction (one
 * mutation the function's contract forbids), so a function that accepts one has a bug.
 *
 * <p>Mutations: an unknown field in any object; a value of a wrong JSON type; a value of the right
 * type that is out of range (huge numbers, invalid ids, path-like keys, unknown enum values); a
 * required field removed; a value (or the whole document) replaced by nesting far deeper than the
 * strict reader's limit; an oversized value; a document that is not an object at all.
 *
 * <p>Values are spliced in as raw JSON text, so numbers longer than a double, 1e400 or 5000 levels of
 * brackets reach the function exactly as written.
 */
final class HostileJson {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOLE = "\"@@hostile@@\"";

    /** One generated case: what kind of mutation, where, and the document. */
    record Case(String kind, String where, String payload) {
        @Override
        public String toString() {
            String p = payload.length() > 300 ? payload.substring(0, 300) + "... (" + payload.length() + " chars)" : payload;
            return kind + " at " + where + ": " + p;
        }
    }

    /** The JSON types a field accepts; anything else is a wrong type. */
    enum Type { STRING, INTEGER, NUMBER, BOOLEAN, ARRAY, OBJECT }

    /**
     * A field of the document. {@code path} uses dots and [i] like the functions' error fields.
     * {@code invalid} yields raw JSON values of an accepted type that are still invalid there.
     */
    record Field(String path, Set<Type> accepts, boolean required, Arbitrary<String> invalid) {
    }

    private final Supplier<ObjectNode> base;
    private final List<Field> fields;
    private final List<String> objectPaths;
    private final List<Arbitrary<Case>> extra = new ArrayList<>();

    /**
     * @param base        a fresh valid document per call
     * @param fields      the fields to attack
     * @param objectPaths every object of the document ("" for the root), for unknown fields
     */
    HostileJson(Supplier<ObjectNode> base, List<Field> fields, List<String> objectPaths) {
        this.base = base;
        this.fields = List.copyOf(fields);
        this.objectPaths = List.copyOf(objectPaths);
    }

    /** More cases of the function's own (bad media, ...), mixed in with the same weight as each mutation. */
    HostileJson with(Arbitrary<Case> cases) {
        extra.add(cases);
        return this;
    }

    Arbitrary<Case> cases() {
        List<Arbitrary<Case>> all = new ArrayList<>();
        all.add(unknownField());
        all.add(wrongType());
        all.add(invalidValue());
        all.add(invalidValue());
        all.add(missingRequired());
        all.add(deepNesting());
        all.add(oversized());
        all.add(notAnObject());
        all.addAll(extra);
        return Arbitraries.oneOf(all);
    }

    String baseText() {
        return base.get().toString();
    }

    // ------------------------------------------------------------------ mutations

    private Arbitrary<Case> unknownField() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12)
                .map(s -> "zz" + s); // no field of any request starts with "zz"
        Arbitrary<String> value = Arbitraries.oneOf(anyScalar(), Arbitraries.just("{}"), Arbitraries.just("[]"));
        return Combinators.combine(Arbitraries.of(objectPaths), name, value).as((at, n, v) -> {
            ObjectNode doc = base.get();
            JsonNode target = at.isEmpty() ? doc : locate(doc, at);
            ((ObjectNode) target).set(n, new TextNode("@@hostile@@"));
            return new Case("unknown-field", (at.isEmpty() ? "" : at + ".") + n, splice(doc, v));
        });
    }

    private Arbitrary<Case> wrongType() {
        return Arbitraries.of(fields).flatMap(f -> {
            List<Arbitrary<String>> wrong = new ArrayList<>();
            if (!f.accepts().contains(Type.STRING)) {
                wrong.add(Arbitraries.strings().ofMaxLength(20).map(HostileJson::quote));
                wrong.add(Arbitraries.longs().map(n -> quote(Long.toString(n)))); // "12": a number as text
            }
            if (!f.accepts().contains(Type.INTEGER) && !f.accepts().contains(Type.NUMBER)) {
                wrong.add(Arbitraries.longs().map(Object::toString));
            }
            if (!f.accepts().contains(Type.NUMBER)) {
                wrong.add(Arbitraries.doubles().between(-1e6, 1e6).filter(d -> d != Math.rint(d)).map(Object::toString));
            }
            if (!f.accepts().contains(Type.BOOLEAN)) {
                wrong.add(Arbitraries.of("true", "false"));
            }
            if (!f.accepts().contains(Type.ARRAY)) {
                wrong.add(Arbitraries.oneOf(Arbitraries.of("[]", "[null]", "[{}]"),
                        Arbitraries.longs().list().ofMaxSize(4).map(Object::toString),
                        Arbitraries.strings().alpha().ofMaxLength(8).map(t -> "[" + quote(t) + "]")));
            }
            if (!f.accepts().contains(Type.OBJECT)) {
                wrong.add(Arbitraries.oneOf(Arbitraries.of("{}", "{\"$ref\":\"#\"}"),
                        Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(8), Arbitraries.longs())
                                .as((k, v) -> "{" + quote(k) + ":" + v + "}")));
            }
            if (f.required()) {
                wrong.add(Arbitraries.just("null")); // null is "absent" for optional fields
            }
            return Arbitraries.oneOf(wrong).map(v -> new Case("wrong-type", f.path(), replace(f.path(), v)));
        });
    }

    private Arbitrary<Case> invalidValue() {
        List<Field> attackable = fields.stream().filter(f -> f.invalid() != null).toList();
        return Arbitraries.of(attackable).flatMap(f -> f.invalid().map(v -> new Case("invalid-value", f.path(),
                replace(f.path(), v))));
    }

    private Arbitrary<Case> missingRequired() {
        List<Field> required = fields.stream().filter(Field::required).toList();
        return Arbitraries.of(required).map(f -> {
            ObjectNode doc = base.get();
            int dot = f.path().lastIndexOf('.');
            String parent = dot < 0 ? "" : f.path().substring(0, dot);
            String name = dot < 0 ? f.path() : f.path().substring(dot + 1);
            ((ObjectNode) (parent.isEmpty() ? doc : locate(doc, parent))).remove(name);
            return new Case("missing-required", f.path(), doc.toString());
        });
    }

    private Arbitrary<Case> deepNesting() {
        Arbitrary<Integer> depth = Arbitraries.integers().between(40, 5000);
        Arbitrary<Boolean> arrays = Arbitraries.of(true, false);
        List<String> places = new ArrayList<>();
        places.add("");
        fields.forEach(f -> places.add(f.path()));
        return Combinators.combine(Arbitraries.of(places), depth, arrays).as((at, d, arr) -> {
            String nested = nest(d, arr);
            return new Case("deep-nesting", (at.isEmpty() ? "document" : at) + " (depth " + d + ")",
                    at.isEmpty() ? nested : replace(at, nested));
        });
    }

    private Arbitrary<Case> oversized() {
        Arbitrary<Integer> size = Arbitraries.integers().between(300_000, 1_200_000);
        List<String> strings = fields.stream().filter(f -> f.accepts().contains(Type.STRING)).map(Field::path).toList();
        List<String> places = strings.isEmpty() ? objectPaths : strings;
        return Combinators.combine(Arbitraries.of(places), size, Arbitraries.of(0, 1, 2)).as((at, n, shape) -> {
            String big;
            String kind;
            if (shape == 0 && !strings.isEmpty()) {
                big = quote("a".repeat(n));
                kind = "string of " + n + " chars";
                return new Case("oversized", at + " (" + kind + ")", replace(at, big));
            }
            if (shape == 1) {
                StringBuilder b = new StringBuilder("[");
                for (int i = 0; b.length() < n; i++) {
                    b.append(i == 0 ? "" : ",").append(i);
                }
                big = b.append(']').toString();
                kind = "array of " + n + " bytes";
            } else {
                big = quote(new String(new char[n / 6]).replace('\0', '\u00e9')); // multi-byte UTF-8
                kind = "string of " + n / 6 + " two-byte chars";
            }
            String where = strings.isEmpty() ? fields.get(0).path() : at;
            return new Case("oversized", where + " (" + kind + ")", replace(where, big));
        });
    }

    private Arbitrary<Case> notAnObject() {
        return Arbitraries.oneOf(Arbitraries.of("[]", "null", "true", "0", "\"\"", "[" + baseText() + "]",
                        "\"" + baseText().replace("\"", "\\\"") + "\""), anyScalar(),
                Arbitraries.longs().list().ofMinSize(1).ofMaxSize(6).map(Object::toString))
                .map(v -> new Case("not-an-object", "document", v));
    }

    // ------------------------------------------------------------------ invalid values, reusable

    /** Strings that are not ids (1-64 of letters, digits, '-' and '_'). */
    static Arbitrary<String> invalidIds() {
        Arbitrary<String> badChar = Arbitraries.of("/", "..", " ", ".", "\\\\", "\\u0000", "\\n", "%2e", "$", "{",
                "\u00fc", "\ud83d\ude00", "'", "\\\"", ":", "*", "#", "@", "+", "=");
        Arbitrary<String> ok = Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(10);
        return Arbitraries.oneOf(
                Combinators.combine(ok, badChar, ok).as((a, b, c) -> "\"" + a + b + c + "\""),
                Arbitraries.integers().between(65, 5000).map(n -> quote("a".repeat(n))),
                Arbitraries.of("\"\"", "\"../../etc/passwd\"", "\"${jndi:ldap://x/a}\"", "\"<script>\"",
                        "\"a/b\"", "\"' OR '1'='1\"", "\"%00\""));
    }

    /** Integers outside [min, max], fractions and numbers far beyond 64 bits (as raw JSON numbers). */
    static Arbitrary<String> invalidIntegers(long min, long max) {
        List<Arbitrary<String>> out = new ArrayList<>();
        if (min > Long.MIN_VALUE) {
            out.add(Arbitraries.longs().between(Long.MIN_VALUE, min - 1).map(Object::toString));
        }
        if (max < Long.MAX_VALUE) {
            out.add(Arbitraries.longs().between(max + 1, Long.MAX_VALUE).map(Object::toString));
        }
        out.add(Arbitraries.integers().between(19, 80).map(k -> BigInteger.TEN.pow(k).toString()));
        out.add(Arbitraries.integers().between(19, 80).map(k -> BigInteger.TEN.pow(k).negate().toString()));
        out.add(Arbitraries.of("1e400", "-1e400", "1.5", "0.5", "1E2", "9223372036854775808", "-9223372036854775809",
                "1.0000000000000000000001"));
        return Arbitraries.oneOf(out);
    }

    /** Strings outside a closed set (the set is matched ignoring case, so no case variants here). */
    static Arbitrary<String> invalidEnum() {
        return Arbitraries.oneOf(Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12)
                        .map(s -> quote("zz" + s)),
                Arbitraries.of("\"\"", "\" \"", "\"increment \"", "\"in-process\\u0000\"", "\"*\"", "\"../x\""));
    }

    /** Object keys that climb out of their folder, are absolute, empty or otherwise path tricks. */
    static Arbitrary<String> pathLikeKeys(String prefix) {
        Arbitrary<String> tail = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
        return Arbitraries.oneOf(
                tail.map(t -> quote(prefix + "../" + t + ".mp4")),
                tail.map(t -> quote("/" + prefix + t + ".mp4")),
                tail.map(t -> quote(prefix + "/" + t + ".mp4")),
                tail.map(t -> quote(prefix + "..\\\\" + t)),
                tail.map(t -> quote("../../" + t)),
                tail.map(t -> quote("jobs/" + t + "/output.mp4")),
                tail.map(t -> quote(prefix + "./" + t + "/../../x")),
                Arbitraries.of(quote(""), quote(prefix), quote("/"), quote(".."), quote("~/.aws/credentials"),
                        quote("file:///etc/passwd"), quote("s3://other/x.mp4"), quote(prefix + "%2e%2e/x")));
    }

    static Arbitrary<String> anyScalar() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(16).map(HostileJson::quote),
                Arbitraries.longs().map(Object::toString), Arbitraries.of("true", "false", "null", "1.5", "1e400"));
    }

    /** A JSON string literal of {@code s}. */
    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String nest(int depth, boolean arrays) {
        StringBuilder b = new StringBuilder(depth * 6);
        for (int i = 0; i < depth; i++) {
            b.append(arrays ? "[" : "{\"a\":");
        }
        b.append('1');
        for (int i = 0; i < depth; i++) {
            b.append(arrays ? ']' : '}');
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ splicing

    /** The base with the value at {@code path} replaced by raw JSON {@code value}. */
    String replace(String path, String value) {
        ObjectNode doc = base.get();
        int dot = lastSeparator(path);
        String parent = dot < 0 ? "" : path.substring(0, dot);
        String last = dot < 0 ? path : path.substring(path.charAt(dot) == '.' ? dot + 1 : dot);
        JsonNode container = parent.isEmpty() ? doc : locate(doc, parent);
        if (last.startsWith("[")) {
            ((ArrayNode) container).set(Integer.parseInt(last.substring(1, last.length() - 1)), new TextNode("@@hostile@@"));
        } else {
            ((ObjectNode) container).set(last, new TextNode("@@hostile@@"));
        }
        return splice(doc, value);
    }

    private static String splice(JsonNode doc, String value) {
        String text = doc.toString();
        int i = text.indexOf(HOLE);
        return text.substring(0, i) + value + text.substring(i + HOLE.length());
    }

    private static int lastSeparator(String path) {
        return Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    }

    /** The node at a path like {@code operations[0]} or {@code source}. */
    static JsonNode locate(JsonNode doc, String path) {
        JsonNode n = doc;
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            if (!name.isEmpty()) {
                n = n.get(name);
            }
            while (bracket >= 0) {
                int close = part.indexOf(']', bracket);
                n = n.get(Integer.parseInt(part.substring(bracket + 1, close)));
                bracket = part.indexOf('[', close);
            }
        }
        if (n == null) {
            throw new IllegalArgumentException("no " + path + " in the base document");
        }
        return n;
    }
}
