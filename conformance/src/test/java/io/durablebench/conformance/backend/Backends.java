package io.durablebench.conformance.backend;

import java.util.List;

/** The durable services the suite can run on, by {@link DurableBackend#name() name}. */
public final class Backends {
    public static final String PROPERTY = "conformance.backend";
    public static final String DEX = "dex-local-runner";
    public static final String LOCAL_LAMBDA = "local-lambda";
    public static final List<String> KNOWN = List.of(DEX, LOCAL_LAMBDA);

    private Backends() {
    }

    /**
     * Starts the backends named by {@code -Dconformance.backend} (comma-separated; default: both, AWS's
     * emulator and the project's local Lambda, so the suite also compares them case by case).
     */
    public static List<DurableBackend> startSelected() {
        List<DurableBackend> started = new java.util.ArrayList<>();
        for (String name : System.getProperty(PROPERTY, DEX + "," + LOCAL_LAMBDA).split(",")) {
            if (!name.isBlank()) {
                started.add(start(name.trim()));
            }
        }
        return started;
    }

    public static DurableBackend start(String name) {
        return switch (name) {
            case DEX -> DexBackend.start();
            case LOCAL_LAMBDA -> LocalLambdaBackend.start();
            default -> throw new IllegalArgumentException("unknown durable backend '" + name + "' (-D" + PROPERTY
                    + "); known: " + KNOWN);
        };
    }
}
