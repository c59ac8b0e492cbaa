package io.durablebench.conformance.handlers;

import io.durablebench.durable.BatchResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** The result projections the map and parallel vectors return. */
final class Projections {
    private Projections() {
    }

    /** The named fields of {@code r}, in the given order: completionReason, status, successCount, failureCount, totalCount. */
    static Map<String, Object> of(BatchResult<?> r, String... fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String f : fields) {
            out.put(f, switch (f) {
                case "completionReason" -> r.getCompletionReason().name();
                case "status" -> r.getStatus().name();
                case "successCount" -> r.getSuccessCount();
                case "failureCount" -> r.getFailureCount();
                case "totalCount" -> r.getTotalCount();
                default -> throw new IllegalArgumentException("no projection field " + f);
            });
        }
        return out;
    }
}
