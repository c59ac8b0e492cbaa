package io.durablebench.video.baseline;

import io.durablebench.model.FunctionError;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.model.metrics.StoreMetrics;
import io.durablebench.support.InvocationMeter;
import io.durablebench.support.MeteredHandler;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the baseline's asynchronously invoked functions (the chunk worker, the slice coordinator)
 * answer and record. Nobody reads their answer, so what an invocation cost travels in the item its
 * last write makes (the chunk's DONE, the slice's end), for the job's coordinator to add up.
 */
final class AsyncEventAnswers {
    /** The last write itself, counted as one UpdateItem call: its capacity and bytes are not known before it is made. */
    private static final StoreMetrics THE_LAST_WRITE = new StoreMetrics(1, Map.of("UpdateItem", 1L), 0, 0, 0, 0, 0, 0);

    private AsyncEventAnswers() {
    }

    /** What the invocation cost when it is asked (just before its last write), that write included. */
    static Supplier<InvocationMetrics> costWithTheLastWrite(InvocationMeter invocation) {
        return () -> {
            InvocationMetrics m = invocation.metrics();
            return new InvocationMetrics(m.function(), m.requestId(), m.durationMs(),
                    m.coordination().plus(THE_LAST_WRITE), m.blob(), null);
        };
    }

    /** The answer to an event refused before any read or write. */
    static MeteredHandler.Answer refused(InvalidInputException bad, InvocationMeter invocation) {
        return new MeteredHandler.Answer(Map.of("error", FunctionError.of(bad)), invocation.metrics(), "invalid-input");
    }
}
