package io.durablebench.support.durable;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.RuntimeMetricsSnapshot;
import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.metrics.DurableMetrics;
import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.model.metrics.StoreMeter;
import io.durablebench.support.FunctionInstance;
import io.durablebench.support.InvocationMeter;
import java.util.function.BiFunction;

/**
 * A durable function whose answer reports what its invocation cost: the instance's resources made
 * on first use ({@link FunctionInstance}), each invocation metered, and {@link #metrics} adding the
 * runtime's own counts (checkpoint and state calls, updates, replayed and executed operations).
 *
 * @param <R> the function's resources
 * @param <O> its result
 */
public abstract class MeteredDurableHandler<R, O> extends StrictDurableHandler<O> {
    private final FunctionInstance<R> instance;

    /**
     * @param defaultName the function's name when Lambda does not give one ({@code AWS_LAMBDA_FUNCTION_NAME})
     * @param resources   makes the instance's resources from its environment (the one
     *                    {@link #useEnvironment} handed, else the process's), on first use
     */
    protected MeteredDurableHandler(String defaultName, BiFunction<FunctionEnvironment, StoreMeter, R> resources) {
        this.instance = new FunctionInstance<>(this::environment, defaultName, resources);
    }

    /** Primes the runtime's client ({@link StrictDurableHandler#prime()}), then makes the instance's resources and primes them. */
    @Override
    protected final void prime() {
        super.prime();
        R made = instance.resources();
        prime(made);
    }

    /** Override to run a harmless request path on the instance's resources (priming requests, stopped before sending). */
    protected void prime(R resources) {
    }

    /** Whether the instance's resources (its clients) exist yet: made by the first invocation or by priming. */
    public final boolean resourcesMade() {
        return instance.made();
    }

    /** The workflow for one invocation, on the strictly read input (see {@link StrictDurableHandler}). */
    protected abstract O handle(JsonNode input, R resources, DurableContext context, InvocationMeter invocation);

    @Override
    protected final O handle(JsonNode input, DurableContext context) {
        R resources = instance.resources();
        return handle(input, resources, context, instance.startInvocation(context.getLambdaContext()));
    }

    /** This invocation's cost so far, the durable runtime's counts included. */
    protected static InvocationMetrics metrics(DurableContext context, InvocationMeter invocation) {
        RuntimeMetricsSnapshot m = context.getInvocationMetrics();
        return invocation.metrics(new DurableMetrics(m.checkpointCalls(), m.stateCalls(), m.operationUpdates(),
                m.checkpointBytes(), m.replayedOperations(), m.executedOperations()));
    }
}
