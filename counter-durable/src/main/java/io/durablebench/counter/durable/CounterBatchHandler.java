package io.durablebench.counter.durable;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.RuntimeMetricsSnapshot;
import io.durablebench.model.counter.CounterOperation;
import io.durablebench.model.counter.CounterOperationResult;
import io.durablebench.model.counter.CounterRequest;
import io.durablebench.model.counter.CounterResponse;
import io.durablebench.model.metrics.DurableMetrics;
import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.model.metrics.StoreMetrics;
import io.durablebench.support.durable.StrictDurableHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The counter on durable execution, batch mode (the paper's Table 1 workload): takes the same
 * request as the baseline and applies each operation as one durable step. The counter's value is
 * the execution's state; no table is involved. A replay returns each step's recorded value instead
 * of applying the operation again, and a re-delivered request started under the same durable
 * execution name attaches to the same execution instead of running again.
 *
 * <p>The value starts at 0 in each execution: batch mode is one request's worth of counting, as in
 * the paper. A counter that lives across requests is the entity mode.
 *
 * <p>A bad request (the baseline's rules, read as strictly: duplicate keys included) FAILS the
 * execution with error type {@code InvalidInput} naming the field, before any step.
 */
public final class CounterBatchHandler extends StrictDurableHandler<CounterResponse> {
    static final String DEFAULT_NAME = "CounterDurableFunction";

    public CounterBatchHandler() {
        this(System.getenv());
    }

    public CounterBatchHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    protected CounterResponse handle(JsonNode input, DurableContext context) {
        long started = System.nanoTime();
        CounterRequest request = CounterRequest.fromJson(input);
        List<CounterOperationResult> results = new ArrayList<>(request.operations().size());
        long value = 0;
        for (CounterOperation op : request.operations()) {
            long before = value;
            value = context.step(op.op().wireName() + "-" + op.id(), Long.class, () -> Math.addExact(before, op.delta()));
            results.add(CounterOperationResult.applied(op, value));
        }
        return CounterResponse.ok(request.counterId(), value, results, metrics(context, started));
    }

    private InvocationMetrics metrics(DurableContext context, long startedNanos) {
        RuntimeMetricsSnapshot m = context.getInvocationMetrics();
        return new InvocationMetrics(environment().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", DEFAULT_NAME),
                context.getLambdaContext() == null ? "local" : context.getLambdaContext().getAwsRequestId(),
                (System.nanoTime() - startedNanos) / 1e6, StoreMetrics.NONE, StoreMetrics.NONE,
                new DurableMetrics(m.checkpointCalls(), m.stateCalls(), m.operationUpdates(), m.checkpointBytes(),
                        m.replayedOperations(), m.executedOperations()));
    }
}
