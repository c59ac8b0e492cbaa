package io.durablebench.loadtest;

import io.durablebench.counter.durable.CounterEntityClient;
import io.durablebench.counter.durable.EntityState;
import io.durablebench.model.counter.CounterOperation;
import io.durablebench.model.json.StrictJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.Execution;

/**
 * Beyond the paper: the same four operations as four messages, to the durable counter entity
 * through {@link CounterEntityClient}, or as four single-operation requests to the counter baseline,
 * as a sender of single messages would.
 */
final class CounterEntityWorkload extends Workload {
    /** Longest a message may take to be answered. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(120);

    CounterEntityWorkload() {
        super("counter-entity", "ce", "entity", Variants.DURABLE, "CounterEntityFunction",
                Variants.BASELINE, "CounterBaselineFunction");
    }

    @Override
    public RunRecord measure(RunSpec spec, Target target, String id, int index) {
        return spec.variant().equals(Variants.DURABLE) ? entity(spec, target, id, index) : baseline(spec, target, id, index);
    }

    private RunRecord entity(RunSpec spec, Target target, String counterId, int index) {
        // The entity's protocol (signal, then wait for the answer) is the client's: it invokes through the
        // target's Lambda client under the target's name of the function.
        String fn = target.function(function(Variants.DURABLE));
        CounterEntityClient sender = new CounterEntityClient(target.lambda(), fn, SEND_TIMEOUT);
        Stopwatch clock = Stopwatch.start();
        long last = Long.MIN_VALUE;
        for (CounterOperation op : CounterBatchWorkload.PAPER_SEQUENCE) {
            last = sender.send(counterId, op).value();
        }
        double latency = clock.elapsedMs();
        boolean ok = last == CounterBatchWorkload.PAPER_FINAL_VALUE;
        DurableCounts c = target.durableCounts(execution(target, fn, counterId));
        // the entity's execution stays open for the next message: no end, no server-side duration
        Measured m = new Measured(RunRecord.NOT_AVAILABLE, c.invocationMs(), c.operationMs(), c.invocations(), c);
        return m.record(spec, index, clock.started(), latency, ok, ok ? "" : "WrongValue", 0, Usage.NONE,
                RunRecord.NOT_AVAILABLE);
    }

    private RunRecord baseline(RunSpec spec, Target target, String counterId, int index) {
        Usage total = Usage.NONE;
        boolean ok = true;
        String error = "";
        long last = Long.MIN_VALUE;
        Stopwatch clock = Stopwatch.start();
        for (CounterOperation op : CounterBatchWorkload.PAPER_SEQUENCE) {
            String request = StrictJson.write(Map.of("counterId", counterId, "operations", List.of(op)));
            Answer a = Answer.of(target.invoke(function(Variants.BASELINE), request, null).response());
            ok &= a.ok();
            error = error.isEmpty() ? a.errorOr("") : error;
            last = a.json().path("finalValue").asLong();
            total = total.plus(Usage.of(a.json().path("metrics")));
        }
        double latency = clock.elapsedMs();
        ok &= last == CounterBatchWorkload.PAPER_FINAL_VALUE;
        Measured m = Measured.baseline(total.handlerMs(), CounterBatchWorkload.PAPER_SEQUENCE.size());
        return m.record(spec, index, clock.started(), latency, ok, ok ? "" : error.isEmpty() ? "WrongValue" : error, 0,
                total, RunRecord.NOT_AVAILABLE);
    }

    /** The entity's first generation's execution (the run's four messages fit in one). */
    private static String execution(Target target, String function, String counterId) {
        String name = EntityState.executionName(counterId, 1);
        List<Execution> found = target.lambda().listDurableExecutionsByFunction(r -> r.functionName(bareName(function))
                .durableExecutionName(name)).durableExecutions();
        return found.stream().filter(x -> name.equals(x.durableExecutionName())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no execution " + name)).durableExecutionArn();
    }

    /** "fn:alias" or a qualified ARN -> the function's name, as ListDurableExecutionsByFunction takes it. */
    static String bareName(String function) {
        if (function.startsWith("arn:")) {
            return function.split(":")[6];
        }
        int colon = function.indexOf(':');
        return colon < 0 ? function : function.substring(0, colon);
    }
}
