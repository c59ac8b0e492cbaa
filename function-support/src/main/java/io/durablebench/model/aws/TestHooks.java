package io.durablebench.model.aws;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The switch of a function's test hooks (injected failures, crash points). Off unless the function's
 * own configuration says {@code TEST_HOOKS=on}: template.yaml never sets it, the local test beds do.
 * When on, the hooks come from the {@code test-hooks} module through {@link ServiceLoader}; no
 * function module depends on that module, so a deployed package does not even hold them.
 */
public final class TestHooks {
    /** The environment variable; {@code on} or {@code off} (the default). */
    public static final String VARIABLE = "TEST_HOOKS";

    private TestHooks() {
    }

    public static boolean enabled(FunctionEnvironment env) {
        String value = env.get(VARIABLE).orElse("off").trim();
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalStateException("environment variable " + VARIABLE + " must be on or off, got "
                    + value);
        };
    }

    /**
     * The hooks of type {@code service} when the switch is on, else empty.
     *
     * @throws IllegalStateException the switch is on but no implementation is on the class path
     */
    public static <T> Optional<T> load(FunctionEnvironment env, Class<T> service) {
        if (!enabled(env)) {
            return Optional.empty();
        }
        return Optional.of(ServiceLoader.load(service, service.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException(VARIABLE + " is on but no " + service.getName()
                        + " is on the class path (the test-hooks module, which deployed packages never hold)")));
    }
}
