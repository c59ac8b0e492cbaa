package io.durablebench.conformance.handlers;

import java.util.HashMap;
import java.util.Map;

/** Every vector's handler, by case id. */
public final class CaseHandlers {
    private static final Map<String, CaseBody> ALL = collect();

    private CaseHandlers() {
    }

    /** The handler of case {@code id} (e.g. {@code 1-12}), or null if none is written. */
    public static CaseBody of(String id) {
        return ALL.get(id);
    }

    public static Map<String, CaseBody> all() {
        return ALL;
    }

    private static Map<String, CaseBody> collect() {
        Map<String, CaseBody> all = new HashMap<>();
        for (Map<String, CaseBody> suite : new Map[] {StepCases.bodies(), WaitCases.bodies(), ChildCases.bodies(),
                MapCases.bodies(), ParallelCases.bodies()}) {
            suite.forEach((id, body) -> {
                if (all.put(id, body) != null) {
                    throw new IllegalStateException("two handlers for case " + id);
                }
            });
        }
        return Map.copyOf(all);
    }
}
