package io.durablebench.conformance.handlers;

import io.durablebench.durable.TypeToken;
import io.durablebench.durable.config.RetryStrategies;
import io.durablebench.durable.config.RunInChildContextConfig;
import io.durablebench.durable.config.StepConfig;
import io.durablebench.durable.exception.ChildContextFailedException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Suite 3, child contexts: the handlers of vectors 3-1 .. 3-18. */
final class ChildCases {
    /** Over the 256 KiB a checkpointed operation result may hold. */
    static final int LARGE_RESULT_CHARS = 300 * 1024;

    private ChildCases() {
    }

    static Map<String, CaseBody> bodies() {
        Map<String, CaseBody> c = new LinkedHashMap<>();
        c.put("3-1", (in, ctx, p) -> ctx.runInChildContext(null, String.class,
                child -> child.step(null, String.class, () -> in.asText())));
        c.put("3-2", (in, ctx, p) -> ctx.runInChildContext(in.path("name").asText(), String.class,
                child -> child.step("value", String.class, () -> in.path("value").asText())));
        c.put("3-3", (in, ctx, p) -> ctx.runInChildContext("two-steps", String.class, child -> {
            String first = child.step("first", String.class, () -> in.asText());
            return child.step("second", String.class, () -> first);
        }));
        c.put("3-4", (in, ctx, p) -> ctx.runInChildContext("failing-child", String.class,
                child -> child.step("failing", String.class, step -> {
                    throw new IllegalStateException("step inside the child fails");
                }, StepCases.NO_RETRY)));
        c.put("3-5", (in, ctx, p) -> {
            try {
                ctx.runInChildContext("failing-child", String.class, child -> child.step("failing", String.class, step -> {
                    throw new IllegalStateException("step inside the child fails");
                }, StepCases.NO_RETRY));
            } catch (ChildContextFailedException expected) {
                // recovered below
            }
            return ctx.step("recovery", String.class, () -> in.asText());
        });
        c.put("3-6", (in, ctx, p) -> ctx.runInChildContext("outer", String.class, outer -> {
            outer.step("outer-step", String.class, () -> in.asText());
            return outer.runInChildContext("inner", String.class,
                    inner -> inner.step("inner-step", String.class, () -> in.asText()));
        }));
        c.put("3-7", (in, ctx, p) -> ctx.runInChildContext("retrying-child", String.class,
                child -> child.step("flaky", String.class, step -> {
                    if (step.getAttempt() == 1) {
                        throw new IllegalStateException("first attempt fails");
                    }
                    return in.asText();
                }, StepConfig.builder().retryStrategy(RetryStrategies.fixedDelay(3, Duration.ofSeconds(1))).build())));
        c.put("3-8", (in, ctx, p) -> ctx.runInChildContext("exhausted-child", String.class,
                child -> child.step("always-fails", String.class, step -> {
                    throw new IllegalStateException("attempt " + step.getAttempt() + " fails");
                }, StepConfig.builder().retryStrategy(RetryStrategies.fixedDelay(2, Duration.ofSeconds(1))).build())));
        c.put("3-9", (in, ctx, p) -> {
            String v = ctx.runInChildContext("child", String.class, child -> child.step("step", String.class, () -> in.asText()));
            ctx.wait("after-child", Duration.ofSeconds(1));
            return v;
        });
        c.put("3-10", (in, ctx, p) -> ctx.runInChildContext("child", String.class, child -> {
            child.step("step", String.class, () -> in.asText());
            child.wait("inside-child", Duration.ofSeconds(1));
            return in.asText();
        }));
        c.put("3-11", (in, ctx, p) -> {
            String large = ctx.runInChildContext("large-child", String.class, child -> {
                p.replayVisibleLogger(child).info("building a large result for " + in.asText());
                String small = child.step("small", String.class, () -> in.asText());
                return small.repeat(LARGE_RESULT_CHARS / Math.max(1, small.length()) + 1);
            });
            ctx.wait("after-child", Duration.ofSeconds(1));
            return Map.of("largeResultChars", large.length(), "startsWithInput", large.startsWith(in.asText()));
        });
        c.put("3-12", (in, ctx, p) -> ctx.runInChildContext("crashing-child", String.class,
                child -> child.step("crashes-once", String.class, step -> {
                    if (p.firstTime(ctx, "crash")) {
                        throw p.crash(ctx, 2); // ContextStarted and StepStarted are checkpointed
                    }
                    return in.asText();
                })));
        c.put("3-13", (in, ctx, p) -> {
            ctx.runInChildContext("waiting-child", String.class, child -> {
                child.wait("inside-child", Duration.ofSeconds(1));
                return in.asText();
            });
            return ctx.step("after-child", String.class, () -> in.asText());
        });
        c.put("3-14", (in, ctx, p) -> ctx.runInChildContext("uppercase-child", TypeToken.of(String.class),
                child -> child.step("step", String.class, () -> in.asText()), new RunInChildContextConfig(Serdes.UPPERCASE)));
        c.put("3-15", (in, ctx, p) -> ctx.runInChildContext("throwing-child", String.class, child -> {
            throw new IllegalStateException("thrown directly in the child body");
        }));
        c.put("3-16", (in, ctx, p) -> ctx.runInChildContext("null-child", Object.class, child -> null));
        c.put("3-17", (in, ctx, p) -> {
            String v = ctx.runInChildContext("logging-child", String.class, child -> {
                p.replayVisibleLogger(child).info("child body ran for " + in.asText());
                return in.asText();
            });
            ctx.wait("after-child", Duration.ofSeconds(1));
            return v;
        });
        c.put("3-18", (in, ctx, p) -> {
            String v = ctx.runInChildContext("child", String.class, child -> {
                String s = child.step("inner-step", String.class, () -> in.asText());
                child.wait("inner-wait", Duration.ofSeconds(1));
                return s;
            });
            String after = ctx.step("outer-step", String.class, () -> v);
            ctx.wait("outer-wait", Duration.ofSeconds(1));
            return after;
        });
        return c;
    }
}
