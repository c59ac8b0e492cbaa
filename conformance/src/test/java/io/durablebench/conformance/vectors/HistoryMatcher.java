package io.durablebench.conformance.vectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Matches what a durable service reported against a vector, by the rules of the vectors' README:
 * <ul>
 *   <li>expected and actual events are paired by {@code EventId}; actual events the vector does not
 *       list are ignored;</li>
 *   <li>every field the expected event gives must match the actual one (fields it does not give are
 *       not looked at);</li>
 *   <li>{@code '*'} accepts any value, {@code {}} means "don't care" for that object;</li>
 *   <li>{@code ${NAME}} binds to the actual value where first seen and must be equal wherever it
 *       occurs again (absent counts as a value, so a name that is absent stays absent);</li>
 *   <li>{@code ${/regex/}} requires a value whose text contains a match of the regex;</li>
 *   <li>anything else must be equal; where the actual value is a string (a payload) and the expected
 *       one is not that same string, the actual string is decoded as JSON and compared with the
 *       expected value (so {@code Result: {Payload: HELLO CHILD}} matches the payload
 *       {@code "HELLO CHILD"}, and {@code Payload: '"x"'} matches it as is).</li>
 * </ul>
 * One matcher holds the bindings of one case; it collects every mismatch rather than stopping at
 * the first.
 */
public final class HistoryMatcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BINDING = Pattern.compile("^\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}$");
    private static final Pattern REGEX = Pattern.compile("^\\$\\{/(.*)/\\}$", Pattern.DOTALL);
    private static final int SHOWN_CHARS = 160;

    private final Map<String, JsonNode> bindings = new HashMap<>();
    private final List<String> mismatches = new ArrayList<>();

    public List<String> mismatches() {
        return List.copyOf(mismatches);
    }

    public boolean matched() {
        return mismatches.isEmpty();
    }

    /** What {@code ${name}} was bound to, or null if it never was. */
    public JsonNode binding(String name) {
        return bindings.get(name);
    }

    /**
     * Checks {@code expected} events against the {@code actual} history (the API's raw event objects,
     * UpperCamelCase as in the vectors).
     */
    public HistoryMatcher matchHistory(List<JsonNode> expected, List<JsonNode> actual) {
        Map<Integer, JsonNode> byId = new HashMap<>();
        for (JsonNode e : actual) {
            if (e.path("EventId").canConvertToInt()) {
                byId.put(e.get("EventId").asInt(), e);
            }
        }
        for (JsonNode want : expected) {
            int id = want.get("EventId").asInt();
            JsonNode got = byId.get(id);
            String where = "event " + id + " (" + want.path("EventType").asText("?") + ")";
            if (got == null) {
                mismatches.add(where + ": the history has no event with EventId " + id + " (it has " + actual.size()
                        + " events)");
                continue;
            }
            match(where, want, got, true);
        }
        return this;
    }

    /**
     * Checks a whole value (such as the execution's result) against {@code expected}; unlike events,
     * objects must have exactly the expected fields.
     */
    public HistoryMatcher matchValue(String where, JsonNode expected, JsonNode actual) {
        match(where, expected, actual, false);
        return this;
    }

    private void match(String path, JsonNode expected, JsonNode actual, boolean subset) {
        JsonNode got = actual == null ? MissingNode.getInstance() : actual;
        if (expected.isTextual()) {
            matchText(path, expected.textValue(), got, subset);
        } else if (expected.isObject()) {
            if (expected.isEmpty()) {
                return; // {}: don't care
            }
            JsonNode obj = decoded(got);
            if (!obj.isObject()) {
                fail(path, "an object", got);
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                match(path + "." + f.getKey(), f.getValue(), obj.get(f.getKey()), subset);
            }
            if (!subset) {
                for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
                    String name = it.next();
                    if (!expected.has(name)) {
                        mismatches.add(path + ": unexpected field " + name + " = " + show(obj.get(name)));
                    }
                }
            }
        } else if (expected.isArray()) {
            JsonNode arr = decoded(got);
            if (!arr.isArray()) {
                fail(path, "an array of " + expected.size(), got);
                return;
            }
            if (arr.size() != expected.size()) {
                fail(path, "an array of " + expected.size() + " " + show(expected), got);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                match(path + "[" + i + "]", expected.get(i), arr.get(i), subset);
            }
        } else if (expected.isNull()) {
            JsonNode v = decoded(got);
            if (!(v.isMissingNode() || v.isNull())) {
                fail(path, "null", got);
            }
        } else if (expected.isNumber()) {
            JsonNode v = decoded(got);
            if (!v.isNumber() || v.decimalValue().compareTo(expected.decimalValue()) != 0) {
                fail(path, expected.toString(), got);
            }
        } else if (expected.isBoolean()) {
            JsonNode v = decoded(got);
            if (!v.isBoolean() || v.booleanValue() != expected.booleanValue()) {
                fail(path, expected.toString(), got);
            }
        } else {
            mismatches.add(path + ": the vector gives an unsupported value " + expected);
        }
    }

    private void matchText(String path, String expected, JsonNode got, boolean subset) {
        if (expected.equals("*")) {
            return;
        }
        Matcher binding = BINDING.matcher(expected);
        if (binding.matches()) {
            String name = binding.group(1);
            JsonNode bound = bindings.get(name);
            if (bound == null) {
                bindings.put(name, got);
            } else if (!bound.equals(got)) {
                mismatches.add(path + ": ${" + name + "} was bound to " + show(bound) + ", but here it is " + show(got));
            }
            return;
        }
        Matcher regex = REGEX.matcher(expected);
        if (regex.matches()) {
            Pattern p;
            try {
                p = Pattern.compile(regex.group(1));
            } catch (PatternSyntaxException e) {
                mismatches.add(path + ": the vector's regex " + expected + " is invalid: " + e.getDescription());
                return;
            }
            if (got.isMissingNode() || got.isNull() || got.isContainerNode()) {
                fail(path, "a value matching /" + regex.group(1) + "/", got);
            } else if (!p.matcher(got.asText()).find()) {
                fail(path, "a value matching /" + regex.group(1) + "/", got);
            }
            return;
        }
        if (got.isTextual() && got.textValue().equals(expected)) {
            return;
        }
        JsonNode v = decoded(got);
        if (v != got && v.isTextual() && v.textValue().equals(expected)) {
            return;
        }
        fail(path, show(JSON.getNodeFactory().textNode(expected)), got);
    }

    /** A string holding JSON text, decoded; anything else (or a string that is not JSON) as it is. */
    private static JsonNode decoded(JsonNode v) {
        if (!v.isTextual()) {
            return v;
        }
        try {
            JsonNode d = JSON.readTree(v.textValue());
            return d == null || d.isMissingNode() ? v : d;
        } catch (JsonProcessingException notJson) {
            return v;
        }
    }

    private void fail(String path, String expected, JsonNode got) {
        mismatches.add(path + ": expected " + expected + ", got " + show(got));
    }

    private static String show(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "(absent)";
        }
        String s = v instanceof NullNode ? "null" : v.toString();
        return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS) + "... (" + s.length() + " chars)";
    }
}
