package io.durablebench.conformance.backend;

import java.util.List;

/** The durable services the suite can run on, by {@link DurableBackend#name() name}. */
public final class Backends {
    public static final String PROPERTY = "conformance.backend";
    public static final String DEX = "dex-local-runner";
    public static final List<String> KNOWN = List.of(DEX);

    private Backends() {
    }

    /** Starts the backend named by {@code -Dconformance.backend} (default {@value #DEX}). */
    public static DurableBackend startSelected() {
        return start(System.getProperty(PROPERTY, DEX).trim());
    }

    public static DurableBackend start(String name) {
        return switch (name) {
            case DEX -> DexBackend.start();
            default -> throw new IllegalArgumentException("unknown durable backend '" + name + "' (-D" + PROPERTY
                    + "); known: " + KNOWN);
        };
    }
}
