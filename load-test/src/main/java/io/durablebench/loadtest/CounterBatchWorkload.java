package io.durablebench.loadtest;

import io.durablebench.model.counter.CounterOperation;
import io.durablebench.model.json.StrictJson;
import java.util.List;
import java.util.Map;

/** The paper's Table 1: one request carrying the paper's four-operation sequence, to the durable counter or the baseline. */
final class CounterBatchWorkload extends Workload {
    /** The paper's Table 1 sequence: increment 1, increment 2, read, decrement 1 (final value 2). */
    static final List<CounterOperation> PAPER_SEQUENCE = List.of(CounterOperation.increment("op-1", 1),
            CounterOperation.increment("op-2", 2), CounterOperation.read("op-3"), CounterOperation.decrement("op-4", 1));
    static final long PAPER_FINAL_VALUE = 2;

    CounterBatchWorkload() {
        super("counter-batch", "cb", "batch", Variants.DURABLE, "CounterDurableFunction",
                Variants.BASELINE, "CounterBaselineFunction");
    }

    @Override
    public RunRecord measure(RunSpec spec, Target target, String id, int index) {
        String request = StrictJson.write(Map.of("counterId", id, "operations", PAPER_SEQUENCE));
        boolean durable = spec.variant().equals(Variants.DURABLE);
        Invocation call = target.invoke(function(spec.variant()), request, durable ? id : null);
        Answer a = Answer.of(call.response());
        boolean ok = a.ok() && a.json().path("finalValue").asLong() == PAPER_FINAL_VALUE;
        Usage u = Usage.of(a.json().path("metrics"));
        Measured m = durable ? target.durableSide(call.response().durableExecutionArn())
                : Measured.baseline(u.handlerMs(), 1);
        return m.record(spec, index, call.started(), call.latencyMs(), ok, a.errorOr(ok ? "" : "WrongValue"), 0, u,
                RunRecord.NOT_AVAILABLE);
    }
}
