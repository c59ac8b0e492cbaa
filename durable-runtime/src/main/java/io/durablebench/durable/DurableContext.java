package io.durablebench.durable;

import com.amazonaws.services.lambda.runtime.Context;
import io.durablebench.durable.config.CallbackConfig;
import io.durablebench.durable.config.InvokeConfig;
import io.durablebench.durable.config.MapConfig;
import io.durablebench.durable.config.ParallelConfig;
import io.durablebench.durable.config.RunInChildContextConfig;
import io.durablebench.durable.config.StepConfig;
import io.durablebench.durable.config.WaitForCallbackConfig;
import io.durablebench.durable.config.WaitForConditionConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The durable operations a handler uses, with the names and meaning of the official Lambda
 * durable execution SDK. Every call is recorded by the service; when the function is invoked again
 * (after a wait, a retry delay, a callback, a crash) the handler runs from the top and each call
 * already recorded returns its recorded result without running again. So a handler must make the
 * same durable calls in the same order on every invocation; anything non-deterministic (time,
 * randomness, I/O) belongs inside a step.
 *
 * <p>Names are optional (null) and only label operations in the history; operations are
 * identified by their position.
 */
public interface DurableContext {

    // ---- step: run code once, checkpoint its result, retry it per its strategy

    <T> T step(String name, TypeToken<T> type, Function<StepContext, T> body, StepConfig config);

    <T> DurableFuture<T> stepAsync(String name, TypeToken<T> type, Function<StepContext, T> body, StepConfig config);

    default <T> T step(String name, Class<T> type, Function<StepContext, T> body) {
        return step(name, TypeToken.of(type), body, StepConfig.DEFAULT);
    }

    default <T> T step(String name, Class<T> type, Supplier<T> body) {
        return step(name, TypeToken.of(type), ctx -> body.get(), StepConfig.DEFAULT);
    }

    default <T> T step(String name, Class<T> type, Function<StepContext, T> body, StepConfig config) {
        return step(name, TypeToken.of(type), body, config);
    }

    default <T> T step(String name, TypeToken<T> type, Function<StepContext, T> body) {
        return step(name, type, body, StepConfig.DEFAULT);
    }

    default <T> DurableFuture<T> stepAsync(String name, Class<T> type, Function<StepContext, T> body) {
        return stepAsync(name, TypeToken.of(type), body, StepConfig.DEFAULT);
    }

    default <T> DurableFuture<T> stepAsync(String name, Class<T> type, Function<StepContext, T> body, StepConfig config) {
        return stepAsync(name, TypeToken.of(type), body, config);
    }

    // ---- wait: pause without running (or paying for) compute

    /** Waits for a whole number of seconds (1 to 31,622,400). */
    void wait(String name, Duration duration);

    DurableFuture<Void> waitAsync(String name, Duration duration);

    // ---- invoke: call another Lambda function and wait for its result

    <T> T invoke(String name, String functionName, Object payload, TypeToken<T> resultType, InvokeConfig config);

    <T> DurableFuture<T> invokeAsync(String name, String functionName, Object payload, TypeToken<T> resultType,
                                     InvokeConfig config);

    default <T> T invoke(String name, String functionName, Object payload, Class<T> resultType) {
        return invoke(name, functionName, payload, TypeToken.of(resultType), InvokeConfig.DEFAULT);
    }

    default <T> DurableFuture<T> invokeAsync(String name, String functionName, Object payload, Class<T> resultType) {
        return invokeAsync(name, functionName, payload, TypeToken.of(resultType), InvokeConfig.DEFAULT);
    }

    // ---- callbacks: wait for an outside system

    <T> DurableCallbackFuture<T> createCallback(String name, TypeToken<T> resultType, CallbackConfig config);

    default <T> DurableCallbackFuture<T> createCallback(String name, Class<T> resultType) {
        return createCallback(name, TypeToken.of(resultType), CallbackConfig.DEFAULT);
    }

    default <T> DurableCallbackFuture<T> createCallback(String name, Class<T> resultType, CallbackConfig config) {
        return createCallback(name, TypeToken.of(resultType), config);
    }

    /** Creates a callback, hands its id to {@code submitter} inside a step, and waits for the result. */
    <T> T waitForCallback(String name, TypeToken<T> resultType, BiConsumer<String, StepContext> submitter,
                          WaitForCallbackConfig config);

    <T> DurableFuture<T> waitForCallbackAsync(String name, TypeToken<T> resultType,
                                             BiConsumer<String, StepContext> submitter, WaitForCallbackConfig config);

    default <T> T waitForCallback(String name, Class<T> resultType, BiConsumer<String, StepContext> submitter) {
        return waitForCallback(name, TypeToken.of(resultType), submitter, WaitForCallbackConfig.DEFAULT);
    }

    // ---- child contexts: group operations; the group's result is checkpointed as one

    <T> T runInChildContext(String name, TypeToken<T> type, Function<DurableContext, T> body,
                            RunInChildContextConfig config);

    <T> DurableFuture<T> runInChildContextAsync(String name, TypeToken<T> type, Function<DurableContext, T> body,
                                                RunInChildContextConfig config);

    default <T> T runInChildContext(String name, Class<T> type, Function<DurableContext, T> body) {
        return runInChildContext(name, TypeToken.of(type), body, RunInChildContextConfig.DEFAULT);
    }

    default <T> DurableFuture<T> runInChildContextAsync(String name, Class<T> type, Function<DurableContext, T> body) {
        return runInChildContextAsync(name, TypeToken.of(type), body, RunInChildContextConfig.DEFAULT);
    }

    // ---- map and parallel: fan out, each item/branch in its own child context

    <I, O> MapResult<O> map(String name, Collection<I> items, TypeToken<O> resultType, MapFunction<I, O> function,
                            MapConfig config);

    <I, O> DurableFuture<MapResult<O>> mapAsync(String name, Collection<I> items, TypeToken<O> resultType,
                                                MapFunction<I, O> function, MapConfig config);

    default <I, O> MapResult<O> map(String name, Collection<I> items, Class<O> resultType, MapFunction<I, O> function) {
        return map(name, items, TypeToken.of(resultType), function, MapConfig.DEFAULT);
    }

    default <I, O> MapResult<O> map(String name, Collection<I> items, Class<O> resultType, MapFunction<I, O> function,
                                    MapConfig config) {
        return map(name, items, TypeToken.of(resultType), function, config);
    }

    ParallelDurableFuture parallel(String name, ParallelConfig config);

    default ParallelDurableFuture parallel(String name) {
        return parallel(name, ParallelConfig.DEFAULT);
    }

    // ---- waitForCondition: check, wait, check again, with the state checkpointed between checks

    <S> S waitForCondition(String name, TypeToken<S> stateType, WaitForConditionCheck<S> check,
                           WaitForConditionConfig<S> config);

    <S> DurableFuture<S> waitForConditionAsync(String name, TypeToken<S> stateType, WaitForConditionCheck<S> check,
                                               WaitForConditionConfig<S> config);

    default <S> S waitForCondition(String name, Class<S> stateType, WaitForConditionCheck<S> check,
                                   WaitForConditionConfig<S> config) {
        return waitForCondition(name, TypeToken.of(stateType), check, config);
    }

    // ---- about the invocation

    /** True while the handler re-runs code whose operations are already recorded. */
    boolean isReplaying();

    DurableLogger getLogger();

    /** Lambda's context of this invocation (null when run outside Lambda without one). */
    Context getLambdaContext();

    /** The ARN of the durable execution this invocation belongs to. */
    String getExecutionArn();

    /** What this invocation has asked of the service so far (checkpoints, updates, bytes, replayed/executed operations). */
    RuntimeMetricsSnapshot getInvocationMetrics();
}
