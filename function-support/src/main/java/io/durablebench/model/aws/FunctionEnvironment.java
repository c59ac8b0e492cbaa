package io.durablebench.model.aws;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The environment variables a function reads its configuration from. On Lambda this is the
 * process environment; the project's local Lambda hosts many functions in one process and hands
 * each handler instance its own map (built from template.yaml) with the handler's
 * {@code useEnvironment} before the first invocation.
 */
public record FunctionEnvironment(Map<String, String> variables) {
    public FunctionEnvironment {
        variables = Map.copyOf(variables);
    }

    /** A map a host hands a function: refused, naming the problem, when it or a name or value in it is null. */
    public static FunctionEnvironment handed(Map<String, String> variables) {
        if (variables == null) {
            throw new IllegalArgumentException("the handed environment is null; an empty map stands for no variables");
        }
        for (Map.Entry<String, String> v : variables.entrySet()) {
            if (v.getKey() == null || v.getValue() == null) {
                throw new IllegalArgumentException("the handed environment maps " + v.getKey() + " to " + v.getValue()
                        + "; variables have non-null names and values");
            }
        }
        return new FunctionEnvironment(variables);
    }

    public static FunctionEnvironment fromProcess() {
        return new FunctionEnvironment(System.getenv());
    }

    public Optional<String> get(String name) {
        String v = variables.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> new IllegalStateException(
                "environment variable " + name + " is not set; the function's template entry must define it"));
    }

    /** A whole number, or {@code fallback} when the variable is not set. */
    public long longOf(String name, long fallback) {
        return parsed(name, Long::parseLong, "a whole number").orElse(fallback);
    }

    /** A number, or {@code fallback} when the variable is not set. */
    public double doubleOf(String name, double fallback) {
        return parsed(name, Double::parseDouble, "a number").orElse(fallback);
    }

    private <T> Optional<T> parsed(String name, Function<String, T> parser, String what) {
        return get(name).map(v -> {
            try {
                return parser.apply(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalStateException("environment variable " + name + " must be " + what + ", got " + v);
            }
        });
    }

    /** The function's name as Lambda reports it, for logs and metrics. */
    public String functionName(String fallback) {
        return get("AWS_LAMBDA_FUNCTION_NAME").orElse(fallback);
    }
}
