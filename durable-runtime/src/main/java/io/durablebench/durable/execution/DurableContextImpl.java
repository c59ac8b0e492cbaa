package io.durablebench.durable.execution;

import com.amazonaws.services.lambda.runtime.Context;
import io.durablebench.durable.DurableCallbackFuture;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.DurableFuture;
import io.durablebench.durable.DurableLogger;
import io.durablebench.durable.MapFunction;
import io.durablebench.durable.MapResult;
import io.durablebench.durable.ParallelDurableFuture;
import io.durablebench.durable.RuntimeMetricsSnapshot;
import io.durablebench.durable.StepContext;
import io.durablebench.durable.TypeToken;
import io.durablebench.durable.WaitForConditionCheck;
import io.durablebench.durable.config.CallbackConfig;
import io.durablebench.durable.config.InvokeConfig;
import io.durablebench.durable.config.MapConfig;
import io.durablebench.durable.config.ParallelConfig;
import io.durablebench.durable.config.RunInChildContextConfig;
import io.durablebench.durable.config.StepConfig;
import io.durablebench.durable.config.WaitForCallbackConfig;
import io.durablebench.durable.config.WaitForConditionConfig;
import io.durablebench.durable.operation.CallbackOperation;
import io.durablebench.durable.operation.ChildContextOperation;
import io.durablebench.durable.operation.ConcurrencyOperation;
import io.durablebench.durable.operation.InvokeOperation;
import io.durablebench.durable.operation.StepOperation;
import io.durablebench.durable.operation.WaitForConditionOperation;
import io.durablebench.durable.operation.WaitOperation;
import io.durablebench.durable.serde.SerDes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link DurableContext} of the handler or of a child context. It hands out operation ids in
 * call order and builds the operation objects; the operations do the protocol work.
 *
 * @see OperationIds
 */
public final class DurableContextImpl implements DurableContext {
    private final InvocationRuntime runtime;
    private final OperationIds ids;
    /** ParentId of operations created here: the nearest checkpointed enclosing context (null at the root). */
    private final String parentId;
    private final Context lambdaContext;
    private final SerDes serDes;
    /** The handler's own context: its operations are the top-level ones the {@link OperationClock} times. */
    private final boolean root;

    public DurableContextImpl(InvocationRuntime runtime, String contextId, String parentId, Context lambdaContext,
                              SerDes serDes) {
        this.runtime = runtime;
        this.ids = new OperationIds(contextId);
        this.parentId = parentId;
        this.lambdaContext = lambdaContext;
        this.serDes = serDes;
        this.root = contextId == null;
    }

    /** Runs a top-level operation under the invocation's operation clock; nested ones just run. */
    private <T> T timed(Supplier<T> operation) {
        return root ? runtime.operationClock().time(operation) : operation.get();
    }

    /** Runs an operation on the caller's thread (the blocking form of each call). */
    private <T> T now(Supplier<T> operation) {
        return timed(operation);
    }

    /** Runs an operation on a thread of its own (the {@code ...Async} form of each call). */
    private <T> DurableFuture<T> later(Supplier<T> operation) {
        return DurableFutureImpl.async(runtime, () -> timed(operation));
    }

    /** A context numbered under {@code contextId} whose operations name {@code parentId} as parent. */
    DurableContextImpl child(String contextId, String parentId) {
        return new DurableContextImpl(runtime, contextId, parentId, lambdaContext, serDes);
    }

    private DurableLogger loggerFor(String operationId) {
        return new JsonLineLogger(runtime, operationId, false);
    }

    private SerDes serDesOr(SerDes chosen) {
        return chosen != null ? chosen : serDes;
    }

    // Each operation below takes its id when it is called (ids follow call order on the caller's
    // thread), whether it then runs now or later.

    // ---- step

    @Override
    public <T> T step(String name, TypeToken<T> type, Function<StepContext, T> body, StepConfig config) {
        return now(stepOperation(name, type, body, config));
    }

    @Override
    public <T> DurableFuture<T> stepAsync(String name, TypeToken<T> type, Function<StepContext, T> body, StepConfig config) {
        return later(stepOperation(name, type, body, config));
    }

    private <T> Supplier<T> stepOperation(String name, TypeToken<T> type, Function<StepContext, T> body, StepConfig config) {
        return new StepOperation<>(runtime, ids.next(), parentId, name, type, body, config, serDes, this::loggerFor)::run;
    }

    // ---- wait

    @Override
    public void wait(String name, Duration duration) {
        now(waitOperation(name, duration));
    }

    @Override
    public DurableFuture<Void> waitAsync(String name, Duration duration) {
        return later(waitOperation(name, duration));
    }

    private Supplier<Void> waitOperation(String name, Duration duration) {
        return new WaitOperation(runtime, ids.next(), parentId, name, duration)::run;
    }

    // ---- invoke

    @Override
    public <T> T invoke(String name, String functionName, Object payload, TypeToken<T> resultType, InvokeConfig config) {
        return now(invokeOperation(name, functionName, payload, resultType, config));
    }

    @Override
    public <T> DurableFuture<T> invokeAsync(String name, String functionName, Object payload, TypeToken<T> resultType,
                                            InvokeConfig config) {
        return later(invokeOperation(name, functionName, payload, resultType, config));
    }

    private <T> Supplier<T> invokeOperation(String name, String functionName, Object payload, TypeToken<T> resultType,
                                            InvokeConfig config) {
        return new InvokeOperation<>(runtime, ids.next(), parentId, name, functionName, payload, resultType, config,
                serDes)::run;
    }

    // ---- callbacks

    @Override
    public <T> DurableCallbackFuture<T> createCallback(String name, TypeToken<T> resultType, CallbackConfig config) {
        CallbackOperation<T> op = new CallbackOperation<>(runtime, ids.next(), parentId, name, resultType, config, serDes);
        return timed(op::create);
    }

    @Override
    public <T> T waitForCallback(String name, TypeToken<T> resultType, BiConsumer<String, StepContext> submitter,
                                 WaitForCallbackConfig config) {
        return now(waitForCallbackOperation(name, resultType, submitter, config));
    }

    @Override
    public <T> DurableFuture<T> waitForCallbackAsync(String name, TypeToken<T> resultType,
                                                    BiConsumer<String, StepContext> submitter,
                                                    WaitForCallbackConfig config) {
        return later(waitForCallbackOperation(name, resultType, submitter, config));
    }

    private <T> Supplier<T> waitForCallbackOperation(String name, TypeToken<T> resultType,
                                                     BiConsumer<String, StepContext> submitter,
                                                     WaitForCallbackConfig config) {
        WaitForCallbackConfig c = config == null ? WaitForCallbackConfig.DEFAULT : config;
        String base = name == null ? "waitForCallback" : name;
        SerDes resultSerDes = c.callbackConfig() == null ? null : c.callbackConfig().serDes();
        Function<DurableContext, T> body = ctx -> {
            DurableCallbackFuture<T> callback = ctx.createCallback(base + "-callback", resultType, c.callbackConfig());
            ctx.step(base + "-submitter", TypeToken.of(Void.class), step -> {
                submitter.accept(callback.callbackId(), step);
                return null;
            }, c.submitterConfig());
            return callback.get();
        };
        return new ChildContextOperation<>(runtime, ids.next(), parentId, name, "WaitForCallback", resultType, body,
                ctxId -> child(ctxId, ctxId), serDesOr(resultSerDes))::run;
    }

    // ---- child contexts

    @Override
    public <T> T runInChildContext(String name, TypeToken<T> type, Function<DurableContext, T> body,
                                   RunInChildContextConfig config) {
        return now(childOperation(name, type, body, config));
    }

    @Override
    public <T> DurableFuture<T> runInChildContextAsync(String name, TypeToken<T> type, Function<DurableContext, T> body,
                                                       RunInChildContextConfig config) {
        return later(childOperation(name, type, body, config));
    }

    private <T> Supplier<T> childOperation(String name, TypeToken<T> type, Function<DurableContext, T> body,
                                           RunInChildContextConfig config) {
        SerDes s = serDesOr(config == null ? null : config.serDes());
        return new ChildContextOperation<>(runtime, ids.next(), parentId, name, "RunInChildContext", type, body,
                ctxId -> child(ctxId, ctxId), s)::run;
    }

    // ---- map and parallel

    @Override
    public <I, O> MapResult<O> map(String name, Collection<I> items, TypeToken<O> resultType, MapFunction<I, O> function,
                                   MapConfig config) {
        return now(mapOperation(name, items, resultType, function, config));
    }

    @Override
    public <I, O> DurableFuture<MapResult<O>> mapAsync(String name, Collection<I> items, TypeToken<O> resultType,
                                                       MapFunction<I, O> function, MapConfig config) {
        return later(mapOperation(name, items, resultType, function, config));
    }

    private <I, O> Supplier<MapResult<O>> mapOperation(String name, Collection<I> items,
                                                                         TypeToken<O> resultType, MapFunction<I, O> function,
                                                                         MapConfig config) {
        MapConfig c = config == null ? MapConfig.DEFAULT : config;
        ConcurrencyOperation.validateMaxConcurrency(ConcurrencyOperation.Kind.MAP, c.maxConcurrency());
        String id = ids.next();
        List<I> list = List.copyOf(items);
        List<ConcurrencyOperation.Unit<O>> units = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            I item = list.get(i);
            int index = i;
            String unitName = c.itemNamer() != null ? c.itemNamer().apply(item, i)
                    : (name == null ? "map" : name) + "-iteration-" + i;
            units.add(new ConcurrencyOperation.Unit<>(unitName, ctx -> function.apply(item, index, ctx)));
        }
        ConcurrencyOperation<O> op = new ConcurrencyOperation<>(runtime, ConcurrencyOperation.Kind.MAP, id, parentId, name,
                units, resultType, c, serDesOr(c.itemSerDes()), this::child);
        return () -> {
            ConcurrencyOperation.Outcome<O> outcome = op.run();
            return new MapResult<>(outcome.items(), outcome.reason());
        };
    }

    @Override
    public ParallelDurableFuture parallel(String name, ParallelConfig config) {
        ParallelConfig c = config == null ? ParallelConfig.DEFAULT : config;
        ConcurrencyOperation.validateMaxConcurrency(ConcurrencyOperation.Kind.PARALLEL, c.maxConcurrency());
        String id = ids.next();
        SerDes itemSerDes = serDesOr(c.itemSerDes());
        return new ParallelDurableFutureImpl(runtime, name, branches -> new ConcurrencyOperation<>(runtime,
                ConcurrencyOperation.Kind.PARALLEL, id, parentId, name, branches, TypeToken.of(Object.class), c,
                itemSerDes, this::child), root);
    }

    // ---- waitForCondition

    @Override
    public <S> S waitForCondition(String name, TypeToken<S> stateType, WaitForConditionCheck<S> check,
                                  WaitForConditionConfig<S> config) {
        return now(waitForConditionOperation(name, stateType, check, config));
    }

    @Override
    public <S> DurableFuture<S> waitForConditionAsync(String name, TypeToken<S> stateType, WaitForConditionCheck<S> check,
                                                      WaitForConditionConfig<S> config) {
        return later(waitForConditionOperation(name, stateType, check, config));
    }

    private <S> Supplier<S> waitForConditionOperation(String name, TypeToken<S> stateType, WaitForConditionCheck<S> check,
                                                      WaitForConditionConfig<S> config) {
        return new WaitForConditionOperation<>(runtime, ids.next(), parentId, name, stateType, check, config, serDes,
                this::loggerFor)::run;
    }

    // ---- about the invocation

    @Override
    public boolean isReplaying() {
        return runtime.isReplaying();
    }

    @Override
    public DurableLogger getLogger() {
        return new JsonLineLogger(runtime, null, true);
    }

    @Override
    public Context getLambdaContext() {
        return lambdaContext;
    }

    @Override
    public String getExecutionArn() {
        return runtime.executionArn();
    }

    @Override
    public RuntimeMetricsSnapshot getInvocationMetrics() {
        return runtime.metrics();
    }
}
