package io.durablebench.local.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the template's resources get in a local run, and the resolution of intrinsic functions in
 * function environments against them. Locally a table, bucket or function is named by its logical
 * id (bucket names lower-cased, as S3 requires), the stack is {@value #STACK_NAME}, the account
 * {@value #ACCOUNT_ID}.
 */
public final class LocalResources {
    public static final String STACK_NAME = "durable-bench-local";
    public static final String ACCOUNT_ID = "000000000000";

    private final SamTemplate template;
    private final String region;

    public LocalResources(SamTemplate template, String region) {
        this.template = template;
        this.region = region;
    }

    /** The template whose resources these names are. */
    public SamTemplate template() {
        return template;
    }

    public String tableName(String logicalId) {
        if (!template.tables().containsKey(logicalId)) {
            throw new IllegalArgumentException("template has no table " + logicalId);
        }
        return logicalId;
    }

    public String bucketName(String logicalId) {
        return logicalId.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }

    public String functionArn(String logicalId) {
        return "arn:aws:lambda:" + region + ":" + ACCOUNT_ID + ":function:" + logicalId;
    }

    /** A function's environment with every intrinsic resolved to its local value. */
    public Map<String, String> environment(FunctionDefinition function) {
        Map<String, String> out = new LinkedHashMap<>();
        function.environment().forEach((k, v) -> out.put(k, resolve(v)));
        return out;
    }

    public String resolve(Object value) {
        if (value instanceof Intrinsic i) {
            return switch (i.function()) {
                case "Ref" -> ref(String.valueOf(i.argument()));
                case "Fn::GetAtt" -> getAtt(i.argument());
                case "Fn::Sub" -> sub(i.argument());
                case "Fn::Join" -> join(i.argument());
                default -> throw new IllegalArgumentException("cannot resolve " + i.function() + " locally");
            };
        }
        return value == null ? "" : String.valueOf(value);
    }

    private String ref(String name) {
        return switch (name) {
            case "AWS::StackName" -> STACK_NAME;
            case "AWS::Region" -> region;
            case "AWS::AccountId" -> ACCOUNT_ID;
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            default -> {
                if (template.tables().containsKey(name)) {
                    yield tableName(name);
                }
                if (template.buckets().contains(name)) {
                    yield bucketName(name);
                }
                if (template.functions().containsKey(name)) {
                    yield name;
                }
                // A template parameter takes its default locally (the endpoint parameters: empty, and
                // the local runs put their own endpoints over them).
                Optional<String> parameter = template.parameterDefault(name);
                if (parameter.isPresent()) {
                    yield parameter.get();
                }
                throw new IllegalArgumentException("cannot resolve !Ref " + name + " locally");
            }
        };
    }

    private String getAtt(Object argument) {
        String spec = argument instanceof List<?> l ? l.get(0) + "." + l.get(1) : String.valueOf(argument);
        int dot = spec.indexOf('.');
        String resource = spec.substring(0, dot);
        String attribute = spec.substring(dot + 1);
        if (template.tables().containsKey(resource) && attribute.equals("Arn")) {
            return "arn:aws:dynamodb:" + region + ":" + ACCOUNT_ID + ":table/" + tableName(resource);
        }
        if (template.buckets().contains(resource) && attribute.equals("Arn")) {
            return "arn:aws:s3:::" + bucketName(resource);
        }
        if (template.functions().containsKey(resource) && attribute.equals("Arn")) {
            return functionArn(resource);
        }
        throw new IllegalArgumentException("cannot resolve !GetAtt " + spec + " locally");
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private String sub(Object argument) {
        String text;
        Map<?, ?> vars = Map.of();
        if (argument instanceof List<?> l) {
            text = String.valueOf(l.get(0));
            vars = (Map<?, ?>) l.get(1);
        } else {
            text = String.valueOf(argument);
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = vars.containsKey(name) ? resolve(vars.get(name))
                    : name.contains(".") && !name.startsWith("AWS::") ? getAtt(name) : ref(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String join(Object argument) {
        List<?> l = (List<?>) argument;
        String sep = String.valueOf(l.get(0));
        return String.join(sep, ((List<?>) l.get(1)).stream().map(this::resolve).toList());
    }
}
