package io.durablebench.conformance.handlers;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Suite 2, wait: the handlers of vectors 2-1 .. 2-5. */
final class WaitCases {
    private WaitCases() {
    }

    static Map<String, CaseBody> bodies() {
        Map<String, CaseBody> c = new LinkedHashMap<>();
        c.put("2-1", (in, ctx, p) -> {
            ctx.wait(null, Duration.ofSeconds(2));
            return null;
        });
        c.put("2-2", (in, ctx, p) -> {
            ctx.wait("custom_wait_name", Duration.ofSeconds(2));
            return null;
        });
        c.put("2-3", (in, ctx, p) -> {
            ctx.wait("wait-1", Duration.ofSeconds(2));
            ctx.wait("wait-2", Duration.ofSeconds(2));
            return Map.of("completedWaits", 2);
        });
        c.put("2-4", (in, ctx, p) -> {
            ctx.wait(null, Duration.ofMinutes(1));
            return null;
        });
        c.put("2-5", (in, ctx, p) -> {
            ctx.wait(null, Duration.ofHours(1));
            return null;
        });
        return c;
    }
}
