package io.durablebench.conformance.handlers;

import io.durablebench.durable.DurableContext;
import io.durablebench.durable.ParallelDurableFuture;
import io.durablebench.durable.ParallelResult;
import io.durablebench.durable.config.CompletionConfig;
import io.durablebench.durable.config.NestingType;
import io.durablebench.durable.config.ParallelConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Suite 8, parallel: the handlers of vectors 8-1 .. 8-22. */
final class ParallelCases {
    private ParallelCases() {
    }

    static Map<String, CaseBody> bodies() {
        Map<String, CaseBody> c = new LinkedHashMap<>();
        c.put("8-1", (in, ctx, p) -> {
            ParallelDurableFuture par = ctx.parallel("parallel", sequential().build());
            par.branch(null, String.class, b -> b.step("task", String.class, () -> "task-1"));
            par.branch(null, String.class, b -> b.step("task", String.class, () -> "task-2"));
            return par.get().getResults();
        });
        c.put("8-2", (in, ctx, p) -> {
            ParallelDurableFuture par = ctx.parallel(null, sequential().build());
            par.branch(null, String.class, b -> "alpha");
            par.branch(null, String.class, b -> "beta");
            return par.get().getResults();
        });
        c.put("8-3", (in, ctx, p) -> {
            ParallelDurableFuture par = ctx.parallel("named", sequential().build());
            par.branch("first", String.class, b -> "one");
            par.branch("second", String.class, b -> "two");
            return par.get().getResults();
        });
        c.put("8-4", (in, ctx, p) -> {
            ParallelDurableFuture par = ctx.parallel("hetero", sequential().build());
            par.branch(null, String.class, b -> "hello");
            par.branch(null, Integer.class, b -> 42);
            par.branch(null, Map.class, b -> Map.of("k", "v"));
            return par.get().getResults();
        });
        c.put("8-5", (in, ctx, p) -> ctx.parallel("empty").get().getResults());
        c.put("8-6", (in, ctx, p) -> Projections.of(run(ctx, "failfast", sequential()
                        .completionConfig(CompletionConfig.toleratedFailureCount(0)), ok("ok"), fails(), ok("ok")),
                "completionReason", "status", "successCount", "failureCount", "totalCount"));
        c.put("8-7", (in, ctx, p) -> run(ctx, "throwing", sequential()
                .completionConfig(CompletionConfig.toleratedFailureCount(0)), fails(), ok("ok")).throwIfError().getResults());
        c.put("8-8", (in, ctx, p) -> Projections.of(run(ctx, "min-successful", sequential()
                        .completionConfig(CompletionConfig.minSuccessful(2)), ok("b0"), ok("b1"), ok("b2"), ok("b3")),
                "completionReason", "successCount", "totalCount"));
        c.put("8-9", (in, ctx, p) -> Projections.of(run(ctx, "tolerated", sequential()
                        .completionConfig(CompletionConfig.toleratedFailureCount(1)), ok("b0"), fails(), ok("b2")),
                "completionReason", "status", "successCount", "failureCount", "totalCount"));
        c.put("8-10", (in, ctx, p) -> Projections.of(run(ctx, "tolerated-exceeded", sequential()
                        .completionConfig(CompletionConfig.toleratedFailureCount(1)), fails(), fails(), ok("b2")),
                "completionReason", "successCount", "failureCount", "totalCount"));
        c.put("8-11", (in, ctx, p) -> run(ctx, "concurrent", ParallelConfig.builder().maxConcurrency(2),
                ok("r0"), ok("r1"), ok("r2")).getResults());
        c.put("8-12", (in, ctx, p) -> run(ctx, "flat", sequential().nesting(NestingType.FLAT),
                b -> b.step("task", String.class, () -> "fa"), b -> b.step("task", String.class, () -> "fb")).getResults());
        c.put("8-13", (in, ctx, p) -> Projections.of(run(ctx, "tolerated-pct", sequential()
                        .completionConfig(CompletionConfig.toleratedFailurePercentage(25)), fails(), fails(), ok("b2"), ok("b3")),
                "completionReason", "successCount", "failureCount", "totalCount"));
        c.put("8-14", (in, ctx, p) -> run(ctx, "replay", sequential(),
                b -> b.step("task", String.class, () -> "b0"),
                b -> {
                    b.wait("pause", Duration.ofSeconds(2));
                    return "b1";
                }).getResults());
        c.put("8-15", (in, ctx, p) -> run(ctx, "serde", sequential().itemSerDes(Serdes.WRAPPED_JSON), ok("x"), ok("y"))
                .getResults());
        c.put("8-16", (in, ctx, p) -> Projections.of(run(ctx, "all-fail", sequential()
                        .completionConfig(CompletionConfig.toleratedFailureCount(3)), fails(), fails(), fails()),
                "completionReason", "status", "successCount", "failureCount", "totalCount"));
        c.put("8-17", (in, ctx, p) -> Projections.of(run(ctx, "min-not-reached", sequential()
                        .completionConfig(CompletionConfig.minSuccessful(3)), ok("b0"), fails(), ok("b2")),
                "completionReason", "status", "successCount", "failureCount", "totalCount"));
        c.put("8-18", (in, ctx, p) -> Projections.of(run(ctx, "combined", sequential()
                        .completionConfig(new CompletionConfig(3, 1, null)), fails(), fails(), ok("b2"), ok("b3")),
                "completionReason", "successCount", "failureCount", "totalCount"));
        c.put("8-19", (in, ctx, p) -> run(ctx, "bad-concurrency", ParallelConfig.builder().maxConcurrency(0),
                ok("b0"), ok("b1")).getResults());
        c.put("8-20", (in, ctx, p) -> {
            ParallelResult r = run(ctx, "accessors", sequential()
                    .completionConfig(CompletionConfig.toleratedFailureCount(1)), ok("b0"), fails(), ok("b2"));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("hasFailure", r.hasFailure());
            out.put("successCount", r.getSucceeded().size());
            out.put("failureCount", r.getFailed().size());
            out.put("errorCount", r.getErrors().size());
            return out;
        });
        c.put("8-21", (in, ctx, p) -> run(ctx, "outer", sequential(), outer -> run(outer, "inner", sequential(),
                b -> b.step("task", String.class, () -> "i1"),
                b -> b.step("task", String.class, () -> "i2")).getResults()).getResults());
        c.put("8-22", (in, ctx, p) -> Projections.of(run(ctx, "pct-boundary", sequential()
                        .completionConfig(CompletionConfig.toleratedFailurePercentage(25)), fails(), ok("b1"), ok("b2"), ok("b3")),
                "completionReason", "status", "successCount", "failureCount", "totalCount"));
        return c;
    }

    /** A parallel named {@code name} of the given branches (unnamed, results typed as their values). */
    @SafeVarargs
    private static ParallelResult run(DurableContext ctx, String name, ParallelConfig.Builder config,
                                      Function<DurableContext, Object>... branches) {
        ParallelDurableFuture par = ctx.parallel(name, config.build());
        for (Function<DurableContext, Object> b : branches) {
            par.branch(null, Object.class, b);
        }
        return par.get();
    }

    private static ParallelConfig.Builder sequential() {
        return ParallelConfig.builder().maxConcurrency(1);
    }

    private static Function<DurableContext, Object> ok(String value) {
        return b -> value;
    }

    private static Function<DurableContext, Object> fails() {
        return b -> {
            throw new IllegalStateException("branch fails");
        };
    }
}
