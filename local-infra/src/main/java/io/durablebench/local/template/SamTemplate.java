package io.durablebench.local.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The project's template.yaml, read into what local runs need: the functions (with Globals
 * applied), the DynamoDB tables and the S3 buckets.
 */
public record SamTemplate(Path file, Map<String, Object> document, Map<String, FunctionDefinition> functions,
                          Map<String, TableDefinition> tables, List<String> buckets) {

    public static SamTemplate load(Path file) {
        Map<String, Object> doc = CfnYaml.read(file);
        Map<String, Object> globals = map(map(doc.get("Globals")).get("Function"));
        Map<String, Object> resources = map(doc.get("Resources"));
        Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
        Map<String, TableDefinition> tables = new LinkedHashMap<>();
        List<String> buckets = new java.util.ArrayList<>();
        resources.forEach((id, raw) -> {
            Map<String, Object> resource = map(raw);
            String type = String.valueOf(resource.get("Type"));
            Map<String, Object> props = map(resource.get("Properties"));
            switch (type) {
                case "AWS::Serverless::Function" -> functions.put(id, function(id, globals, props));
                case "AWS::DynamoDB::Table" -> tables.put(id, new TableDefinition(id, props));
                case "AWS::S3::Bucket" -> buckets.add(id);
                default -> {
                }
            }
        });
        return new SamTemplate(file, doc, Map.copyOf(functions), Map.copyOf(tables), List.copyOf(buckets));
    }

    /** Finds template.yaml in the given folder or the nearest parent that has one. */
    public static Path locate(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no template.yaml in " + start.toAbsolutePath() + " or its parents");
    }

    /** The default of a template parameter ({@code Parameters.<name>.Default}), empty if it has none. */
    public Optional<String> parameterDefault(String name) {
        Map<String, Object> parameter = map(map(document.get("Parameters")).get(name));
        if (parameter.isEmpty()) {
            return Optional.empty();
        }
        Object value = parameter.get("Default");
        return Optional.of(value == null ? "" : String.valueOf(value));
    }

    public FunctionDefinition function(String logicalId) {
        FunctionDefinition f = functions.get(logicalId);
        if (f == null) {
            throw new IllegalArgumentException("template has no function " + logicalId + "; it has " + functions.keySet());
        }
        return f;
    }

    private static FunctionDefinition function(String id, Map<String, Object> globals, Map<String, Object> own) {
        Map<String, Object> props = new LinkedHashMap<>(globals);
        // Environment variables merge key by key; every other property is replaced by the function's own.
        Map<String, Object> env = new LinkedHashMap<>(map(map(globals.get("Environment")).get("Variables")));
        env.putAll(map(map(own.get("Environment")).get("Variables")));
        props.putAll(own);
        Optional<DurableSettings> durable = Optional.ofNullable(props.get("DurableConfig")).map(o -> {
            Map<String, Object> dc = map(o);
            Object retention = dc.getOrDefault("RetentionPeriodInDays", 14);
            return new DurableSettings(Long.parseLong(String.valueOf(dc.get("ExecutionTimeout"))),
                    Integer.parseInt(String.valueOf(retention)));
        });
        Object policies = props.get("Policies");
        List<Object> policyList = policies instanceof List<?> l ? List.copyOf(l)
                : policies == null ? List.of() : List.of(policies);
        return new FunctionDefinition(id, String.valueOf(props.get("Handler")), String.valueOf(props.get("CodeUri")),
                String.valueOf(props.getOrDefault("Runtime", "java17")),
                Integer.parseInt(String.valueOf(props.getOrDefault("Timeout", 3))),
                Integer.parseInt(String.valueOf(props.getOrDefault("MemorySize", 128))),
                java.util.Collections.unmodifiableMap(env), durable,
                Optional.ofNullable(props.get("AutoPublishAlias")).map(String::valueOf),
                policyList, java.util.Collections.unmodifiableMap(props));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        if (o == null) {
            return Map.of();
        }
        if (!(o instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("expected a mapping, got " + o);
        }
        return (Map<String, Object>) o;
    }
}
