package io.durablebench.conformance.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads the YAML vectors of a conformance folder. */
public final class Vectors {
    /** The suites, in the order they are run and reported. */
    public static final List<String> SUITES = List.of("step", "wait", "child", "map", "parallel");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GEN_STR = Pattern.compile("^\\$\\{GEN_STR:(\\d+)\\}$");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final Random random;

    public Vectors(Random random) {
        this.random = random;
    }

    public Vectors() {
        this(new SecureRandom());
    }

    /** Every vector of every suite in {@code dir}, suites in {@link #SUITES} order, cases by number. */
    public List<ConformanceCase> loadAll(Path dir) {
        List<ConformanceCase> cases = new ArrayList<>();
        for (String suite : SUITES) {
            Path suiteDir = dir.resolve(suite);
            try (Stream<Path> files = Files.list(suiteDir)) {
                files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                        .sorted(Vectors::byCaseNumber)
                        .forEach(f -> cases.add(load(suite, f)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + suiteDir, e);
            }
        }
        return cases;
    }

    /** One vector file. */
    public ConformanceCase load(String suite, Path file) {
        Object yaml;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is not valid YAML: " + e.getMessage(), e);
        }
        if (!(yaml instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(file + ": a vector is a YAML mapping, got " + describe(yaml));
        }
        return parse(suite, file, JSON.valueToTree(yaml));
    }

    /** A vector given as its YAML tree (converted to JSON). */
    public ConformanceCase parse(String suite, Path file, JsonNode root) {
        String name = file.getFileName().toString();
        String id = name.endsWith(".yaml") ? name.substring(0, name.length() - 5) : name;
        Map<String, String> variables = generate(root.path("Variables"), file);
        JsonNode v = substitute(root, variables);
        JsonNode history = v.get("ExpectedExecutionHistory");
        if (history == null || !history.isArray()) {
            throw new IllegalArgumentException(file + ": ExpectedExecutionHistory must be a list of events");
        }
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode e : history) {
            if (!e.isObject() || !e.path("EventId").canConvertToInt()) {
                throw new IllegalArgumentException(file + ": every expected event needs an integer EventId, got " + e);
            }
            events.add(e);
        }
        JsonNode result = v.get("ExpectedResult");
        if (result != null && !result.isNull() && !result.has("ExecutionStatus")) {
            throw new IllegalArgumentException(file + ": ExpectedResult needs ExecutionStatus");
        }
        boolean asyncInvoke = v.path("AsyncInvoke").asBoolean(false) || v.path("async").asBoolean(false);
        return new ConformanceCase(id, suite, file, v.path("description").asText(""), v.path("optional").asBoolean(false),
                asyncInvoke && (result == null || result.isNull()), v.has("Input") ? v.get("Input") : NullNode.getInstance(),
                result == null || result.isNull() ? null : result, List.copyOf(events), logs(v.get("ExpectedLogs"), file),
                variables);
    }

    private Map<String, String> generate(JsonNode declared, Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        if (declared.isMissingNode() || declared.isNull()) {
            return values;
        }
        if (!declared.isObject()) {
            throw new IllegalArgumentException(file + ": Variables must be a mapping");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = declared.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Matcher m = GEN_STR.matcher(e.getValue().asText());
            if (!m.matches()) {
                throw new IllegalArgumentException(file + ": variable " + e.getKey() + " = " + e.getValue()
                        + " is not ${GEN_STR:N}, the only generator this runner knows");
            }
            int n = Integer.parseInt(m.group(1));
            StringBuilder s = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            values.put(e.getKey(), s.toString());
        }
        return values;
    }

    /** {@code ${NAME}} of a declared variable, anywhere inside any string, replaced by its value. */
    static JsonNode substitute(JsonNode node, Map<String, String> variables) {
        if (variables.isEmpty()) {
            return node;
        }
        if (node.isTextual()) {
            String s = node.textValue();
            for (Map.Entry<String, String> v : variables.entrySet()) {
                s = s.replace("${" + v.getKey() + "}", v.getValue());
            }
            return TextNode.valueOf(s);
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(e -> out.add(substitute(e, variables)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), substitute(e.getValue(), variables)));
            return out;
        }
        return node;
    }

    private static List<ConformanceCase.ExpectedLog> logs(JsonNode logs, Path file) {
        List<ConformanceCase.ExpectedLog> out = new ArrayList<>();
        if (logs == null || logs.isNull()) {
            return out;
        }
        for (JsonNode l : logs) {
            JsonNode message = l.path("match").path("message");
            if (!message.isTextual() || !l.path("count").canConvertToInt()) {
                throw new IllegalArgumentException(file + ": an expected log needs match.message and count, got " + l);
            }
            out.add(new ConformanceCase.ExpectedLog(message.textValue(), l.get("count").asInt()));
        }
        return out;
    }

    /** "1-2" before "1-10". */
    static int byCaseNumber(Path a, Path b) {
        List<Integer> x = caseNumber(a);
        List<Integer> y = caseNumber(b);
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = Integer.compare(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    private static List<Integer> caseNumber(Path f) {
        String n = f.getFileName().toString().replace(".yaml", "");
        List<Integer> parts = new ArrayList<>();
        for (String p : n.split("-")) {
            try {
                parts.add(Integer.parseInt(p));
            } catch (NumberFormatException e) {
                parts.add(Integer.MAX_VALUE);
            }
        }
        return parts;
    }

    private static String describe(Object o) {
        return o == null ? "nothing" : o.getClass().getSimpleName();
    }
}
