package io.durablebench.counter.durable;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.durable.DurableContext;
import io.durablebench.model.counter.CounterOperation;
import io.durablebench.model.counter.CounterOperationResult;
import io.durablebench.model.counter.CounterRequest;
import io.durablebench.model.counter.CounterResponse;
import io.durablebench.support.InvocationMeter;
import io.durablebench.support.durable.MeteredDurableHandler;
import java.util.ArrayList;
import java.util.List;

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
public final class CounterBatchHandler extends MeteredDurableHandler<Void, CounterResponse> {
    static final String DEFAULT_NAME = "CounterDurableFunction";

    public CounterBatchHandler() {
        super(DEFAULT_NAME, (env, meter) -> null); // the value is the execution's state: no store
    }

    /** Before a SnapStart snapshot: a request decoded and an answer encoded (the runtime's client is primed by the base). */
    @Override
    protected void prime(Void none) {
        CounterRequest.primeJson();
    }

    @Override
    protected CounterResponse handle(JsonNode input, Void none, DurableContext context, InvocationMeter invocation) {
        CounterRequest request = CounterRequest.fromJson(input);
        List<CounterOperationResult> results = new ArrayList<>(request.operations().size());
        long value = 0;
        for (CounterOperation op : request.operations()) {
            long before = value;
            value = context.step(op.op().wireName() + "-" + op.id(), Long.class, () -> Math.addExact(before, op.delta()));
            results.add(CounterOperationResult.applied(op, value));
        }
        return CounterResponse.ok(request.counterId(), value, results, metrics(context, invocation));
    }
}
