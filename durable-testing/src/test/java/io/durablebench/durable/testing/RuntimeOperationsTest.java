package io.durablebench.durable.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.DurableFuture;
import io.durablebench.durable.DurableHandler;
import io.durablebench.durable.MapResult;
import io.durablebench.durable.TypeToken;
import io.durablebench.durable.WaitForConditionResult;
import io.durablebench.durable.config.CallbackConfig;
import io.durablebench.durable.config.MapConfig;
import io.durablebench.durable.config.WaitForCallbackConfig;
import io.durablebench.durable.config.WaitForConditionConfig;
import io.durablebench.durable.config.WaitStrategies;
import io.durablebench.durable.exception.CallbackFailedException;
import io.durablebench.durable.exception.CallbackTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;

/** Callbacks, waitForCondition, chained invoke, map/parallel and concurrency, on AWS's emulator. */
class RuntimeOperationsTest {
    static DexHarness h;

    @BeforeAll
    static void start() {
        h = new DexHarness(false, Map.of("echo", Map.of(),
                "doubler", Map.of("DurableConfig", Map.of("ExecutionTimeout", 60, "RetentionPeriodInDays", 1))));
        RequestStreamHandler echo = (in, out, ctx) -> {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            out.write(("{\"echoed\":" + body + "}").getBytes(StandardCharsets.UTF_8));
        };
        h.registerRaw("echo", () -> echo);
        h.register("doubler", (String in, DurableContext ctx) ->
                ctx.step("double", Integer.class, () -> Integer.parseInt(in) * 2));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String sendLater(BlockingQueue<String> ids, java.util.function.Consumer<String> completion) {
        Thread t = new Thread(() -> {
            try {
                String id = ids.poll(60, TimeUnit.SECONDS);
                if (id != null) {
                    completion.accept(id);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.setDaemon(true);
        t.start();
        return "started";
    }

    @Test
    void aCallbackCompletedFromOutsideResumesTheExecutionWithItsResult() {
        BlockingQueue<String> ids = new LinkedBlockingQueue<>();
        h.register("approval", (String in, DurableContext ctx) -> {
            var callback = ctx.createCallback("approval", String.class);
            ctx.step("notify", String.class, () -> {
                ids.add(callback.callbackId());
                return "sent";
            });
            return "approved by " + callback.get();
        });
        sendLater(ids, id -> h.dex.lambda().sendDurableExecutionCallbackSuccess(r -> r.callbackId(id)
                .result(SdkBytes.fromUtf8String("\"alice\""))));
        GetDurableExecutionResponse e = h.succeededWith("approval", null, "\"approved by alice\"");
    }

    @Test
    void waitForCallbackHandsTheIdToTheSubmitterAndReportsAFailure() {
        BlockingQueue<String> ids = new LinkedBlockingQueue<>();
        h.register("wfc-fail", (String in, DurableContext ctx) -> {
            try {
                return ctx.waitForCallback("payment", TypeToken.of(String.class), (id, step) -> ids.add(id),
                        WaitForCallbackConfig.DEFAULT);
            } catch (io.durablebench.durable.exception.ChildContextFailedException e) {
                return "caught " + e.getErrorType() + ": " + e.getMessage();
            }
        });
        sendLater(ids, id -> h.dex.lambda().sendDurableExecutionCallbackFailure(r -> r.callbackId(id)
                .error(err -> err.errorType("PaymentDeclined").errorMessage("card expired"))));
        GetDurableExecutionResponse e = h.succeeded("wfc-fail", null);
        assertThat(e.result()).contains("caught").contains("card expired");
        List<EventType> types = h.dex.history(e.durableExecutionArn()).stream().map(Event::eventType).toList();
        assertThat(types).contains(EventType.CALLBACK_STARTED, EventType.CALLBACK_FAILED, EventType.CONTEXT_FAILED);
    }

    @Test
    void aCallbackThatNobodyCompletesTimesOut() {
        h.register("cb-timeout", (String in, DurableContext ctx) -> {
            var callback = ctx.createCallback("never", String.class, CallbackConfig.of(Duration.ofSeconds(1), null));
            try {
                return callback.get();
            } catch (CallbackTimeoutException e) {
                return "timed out";
            } catch (CallbackFailedException e) {
                return "failed: " + e.getMessage();
            }
        });
        GetDurableExecutionResponse e = h.run("cb-timeout", null);
        assertThat(e.result()).isEqualTo("\"timed out\"");
    }

    @Test
    void waitForConditionChecksUntilDoneKeepingItsStateBetweenInvocations() {
        AtomicInteger checks = new AtomicInteger();
        h.register("poller", (String in, DurableContext ctx) -> ctx.waitForCondition("count-to-3", Integer.class,
                (state, step) -> {
                    checks.incrementAndGet();
                    int next = state + 1;
                    return next >= 3 ? WaitForConditionResult.stopPolling(next) : WaitForConditionResult.continueWaiting(next);
                }, WaitForConditionConfig.of(0).withWaitStrategy(WaitStrategies.fixed(10, Duration.ofSeconds(1)))));
        GetDurableExecutionResponse e = h.succeededWith("poller", null, "3");
        assertThat(checks).hasValue(3);
        assertThat(h.invocations(e)).isEqualTo(3);
    }

    @Test
    void chainedInvokeCallsAPlainAndADurableFunction() {
        h.register("caller", (String in, DurableContext ctx) -> {
            Map<?, ?> echoed = ctx.invoke("echo-it", "echo", Map.of("n", 7), Map.class);
            Integer doubled = ctx.invoke("double-it", "doubler", 21, Integer.class);
            return echoed.get("echoed") + " / " + doubled;
        });
        GetDurableExecutionResponse e = h.run("caller", null);
        assertThat(e.status()).as(h.dex.logTail()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.result()).isEqualTo("\"{n=7} / 42\"");
        List<EventType> types = h.dex.history(e.durableExecutionArn()).stream().map(Event::eventType).toList();
        assertThat(types).contains(EventType.CHAINED_INVOKE_STARTED, EventType.CHAINED_INVOKE_SUCCEEDED);
    }

    @Test
    void mapRunsItemsConcurrentlyAndReturnsThemInOrder() {
        h.register("squares", (String in, DurableContext ctx) -> {
            MapResult<Integer> r = ctx.map("squares", IntStream.rangeClosed(1, 8).boxed().toList(), TypeToken.of(Integer.class),
                    (item, index, c) -> c.step("square", Integer.class, () -> item * item),
                    MapConfig.builder().maxConcurrency(3).build());
            return r.getResults();
        });
        GetDurableExecutionResponse e = h.succeededWith("squares", null, "[1,4,9,16,25,36,49,64]");
    }

    @Test
    void aMapResultTooLargeForOneCheckpointIsRebuiltFromItsChildren() {
        String big = "x".repeat(100_000);
        AtomicInteger bodies = new AtomicInteger();
        h.register("big-map", (String in, DurableContext ctx) -> {
            MapResult<String> r = ctx.map("big", List.of(1, 2, 3, 4), TypeToken.of(String.class), (item, index, c) -> {
                bodies.incrementAndGet();
                return big;
            }, MapConfig.builder().maxConcurrency(1).build());
            ctx.wait("force-replay", Duration.ofSeconds(1));
            return r.getResults().stream().mapToInt(String::length).sum();
        });
        GetDurableExecutionResponse e = h.run("big-map", null);
        assertThat(e.status()).as(h.dex.logTail()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(e.result()).isEqualTo("400000");
        assertThat(bodies).as("item bodies run once; the replay reads each item's own checkpoint").hasValue(4);
    }

    @Test
    void parallelBranchesOfDifferentTypes() {
        h.register("par", (String in, DurableContext ctx) -> {
            var p = ctx.parallel("fan");
            DurableFuture<String> a = p.branch("a", String.class, c -> c.step("a", String.class, () -> "A"));
            DurableFuture<Integer> b = p.branch("b", Integer.class, c -> c.step("b", Integer.class, () -> 2));
            p.get();
            return a.get() + b.get();
        });
        GetDurableExecutionResponse e = h.run("par", null);
        assertThat(e.result()).isEqualTo("\"A2\"");
    }

    @Test
    void whileOneBranchWaitsAnotherKeepsRunningAndTheRuntimePollsInsteadOfSuspending() {
        h.register("poll", (String in, DurableContext ctx) -> {
            DurableFuture<Void> waiting = ctx.waitAsync("short", Duration.ofSeconds(1));
            String slow = ctx.step("slow", String.class, () -> {
                sleep(3_000);
                return "slow done";
            });
            waiting.get();
            return slow + " after " + ctx.getInvocationMetrics().pollCalls() + " polls";
        });
        GetDurableExecutionResponse e = h.succeeded("poll", null);
        assertThat(e.result()).startsWith("\"slow done after");
        assertThat(h.invocations(e)).as("the wait ended while the step ran: no suspension").isEqualTo(1);
    }

    @Test
    void asyncStepsRunTogether() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        h.register("async-steps", (String in, DurableContext ctx) -> {
            List<DurableFuture<Integer>> fs = IntStream.range(0, 4).mapToObj(i ->
                    ctx.stepAsync("s" + i, Integer.class, step -> {
                        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                        sleep(300);
                        running.decrementAndGet();
                        return i;
                    })).toList();
            return fs.stream().mapToInt(DurableFuture::get).sum();
        });
        GetDurableExecutionResponse e = h.run("async-steps", null);
        assertThat(e.result()).isEqualTo("6");
        assertThat(mostAtOnce.get()).as("steps started with stepAsync overlap").isGreaterThan(1);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps the compiler honest about the handler type used by registerRaw. */
    static final Class<?> HANDLER = DurableHandler.class;
}
