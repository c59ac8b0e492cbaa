package io.durablebench.conformance.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.durable.MapResult;
import io.durablebench.durable.TypeToken;
import io.durablebench.durable.config.CompletionConfig;
import io.durablebench.durable.config.MapConfig;
import io.durablebench.durable.config.NestingType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Suite 9, map: the handlers of vectors 9-1 .. 9-20. */
final class MapCases {
    /** About 70 KB per item: four of them exceed what one checkpointed result may hold (256 KiB). */
    static final int LARGE_ITEM_CHARS = 70 * 1024;

    private MapCases() {
    }

    static Map<String, CaseBody> bodies() {
        Map<String, CaseBody> c = new LinkedHashMap<>();
        c.put("9-1", (in, ctx, p) -> ctx.map("map", texts(in), String.class,
                (item, i, it) -> it.step("greet", String.class, () -> "Hello, " + item + "!"), sequential().build())
                .getResults());
        c.put("9-2", (in, ctx, p) -> ctx.map(null, ints(in), Integer.class, (item, i, it) -> item * 2, sequential().build())
                .getResults());
        c.put("9-3", (in, ctx, p) -> ctx.map("indexed", ints(in), Integer.class, (item, i, it) -> item + i,
                sequential().build()).getResults());
        c.put("9-4", (in, ctx, p) -> ctx.map("empty", texts(in), String.class, (item, i, it) -> item).getResults());
        c.put("9-5", (in, ctx, p) -> Projections.of(ctx.map("failfast", List.of("i0", "i1", "i2"), String.class,
                        (item, i, it) -> i == 1 ? fail(item) : "ok",
                        sequential().completionConfig(CompletionConfig.toleratedFailureCount(0)).build()),
                "completionReason", "status", "successCount", "failureCount", "totalCount"));
        c.put("9-6", (in, ctx, p) -> ctx.map("throwing", List.of("i0", "i1"), String.class,
                        (item, i, it) -> i == 0 ? fail(item) : "ok",
                        sequential().completionConfig(CompletionConfig.toleratedFailureCount(0)).build())
                .throwIfError().getResults());
        c.put("9-7", (in, ctx, p) -> Projections.of(ctx.map("min-successful", List.of("i0", "i1", "i2", "i3"), String.class,
                        (item, i, it) -> "done",
                        sequential().completionConfig(CompletionConfig.minSuccessful(2)).build()),
                "completionReason", "successCount", "totalCount"));
        c.put("9-8", (in, ctx, p) -> Projections.of(ctx.map("tolerated", List.of("i0", "i1", "i2"), String.class,
                        (item, i, it) -> i == 1 ? fail(item) : "ok",
                        sequential().completionConfig(CompletionConfig.toleratedFailureCount(1)).build()),
                "completionReason", "status", "successCount", "failureCount", "totalCount"));
        c.put("9-9", (in, ctx, p) -> Projections.of(ctx.map("tolerated-exceeded", List.of("i0", "i1", "i2"), String.class,
                        (item, i, it) -> i < 2 ? fail(item) : "ok",
                        sequential().completionConfig(CompletionConfig.toleratedFailureCount(1)).build()),
                "completionReason", "successCount", "failureCount", "totalCount"));
        c.put("9-10", (in, ctx, p) -> Projections.of(ctx.map("tolerated-pct", List.of("i0", "i1", "i2", "i3"), String.class,
                        (item, i, it) -> i < 2 ? fail(item) : "ok",
                        sequential().completionConfig(CompletionConfig.toleratedFailurePercentage(25)).build()),
                "completionReason", "successCount", "failureCount", "totalCount"));
        c.put("9-11", (in, ctx, p) -> ctx.map("concurrent", List.of("i0", "i1", "i2"), String.class,
                (item, i, it) -> "r" + i, MapConfig.builder().maxConcurrency(2).build()).getResults());
        c.put("9-12", (in, ctx, p) -> ctx.map("flat", List.of("fa", "fb"), String.class,
                (item, i, it) -> it.step("item", String.class, () -> item),
                sequential().nesting(NestingType.FLAT).build()).getResults());
        c.put("9-13", (in, ctx, p) -> ctx.map("named-items", ints(in), Integer.class, (item, i, it) -> item * 10,
                sequential().<Integer>itemNamer((item, i) -> "item-" + item).build()).getResults());
        c.put("9-14", (in, ctx, p) -> ctx.map("serdes", List.of("x", "y"), String.class,
                (item, i, it) -> item.toUpperCase(), sequential().itemSerDes(Serdes.WRAPPED_TEXT).build()).getResults());
        c.put("9-15", (in, ctx, p) -> ctx.map("suspend", List.of("r0", "r1"), String.class, (item, i, it) -> {
            if (i == 1) {
                it.wait("pause", Duration.ofSeconds(1));
            }
            return it.step("result", String.class, () -> item);
        }, sequential().build()).getResults());
        c.put("9-16", (in, ctx, p) -> {
            MapResult<String> r = ctx.map("large", List.of("a", "b", "c", "d"), String.class,
                    (item, i, it) -> item.repeat(LARGE_ITEM_CHARS), sequential().build());
            return Projections.of(r, "successCount", "totalCount");
        });
        c.put("9-17", (in, ctx, p) -> {
            List<String> results = ctx.map("then-wait", List.of("a", "b"), String.class,
                    (item, i, it) -> item.toUpperCase(), sequential().build()).getResults();
            ctx.wait("after-map", Duration.ofSeconds(1));
            return results;
        });
        c.put("9-18", (in, ctx, p) -> {
            MapResult<String> r = ctx.map("fail-then-wait", List.of("ok", "fail"), String.class,
                    (item, i, it) -> item.equals("fail") ? fail(item) : item,
                    sequential().completionConfig(CompletionConfig.toleratedFailureCount(1)).build());
            ctx.wait("after-map", Duration.ofSeconds(1));
            return Projections.of(r, "completionReason", "status", "successCount", "failureCount", "totalCount");
        });
        c.put("9-19", (in, ctx, p) -> ctx.map("op-serde", List.of("x", "y"), TypeToken.of(String.class),
                (item, i, it) -> item.toUpperCase(), sequential().serDes(Serdes.OPSERDE).build()).getResults());
        c.put("9-20", (in, ctx, p) -> {
            List<String> results = ctx.map("op-serde-replay", List.of("x", "y"), TypeToken.of(String.class),
                    (item, i, it) -> item.toUpperCase(), sequential().serDes(Serdes.OPSERDE).build()).getResults();
            ctx.wait("after-map", Duration.ofSeconds(1));
            return results;
        });
        return c;
    }

    private static MapConfig.Builder sequential() {
        return MapConfig.builder().maxConcurrency(1);
    }

    private static String fail(String item) {
        throw new IllegalStateException("item " + item + " fails");
    }

    private static List<String> texts(JsonNode in) {
        List<String> out = new ArrayList<>();
        in.forEach(e -> out.add(e.asText()));
        return out;
    }

    private static List<Integer> ints(JsonNode in) {
        List<Integer> out = new ArrayList<>();
        in.forEach(e -> out.add(e.asInt()));
        return out;
    }
}
