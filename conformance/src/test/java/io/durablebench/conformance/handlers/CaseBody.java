package io.durablebench.conformance.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.durable.DurableContext;

/** The workflow of one vector's handler, written on our runtime. */
@FunctionalInterface
public interface CaseBody {
    /**
     * @param input the execution input (JSON null when the vector gives none)
     * @param probe the test's instruments: simulated crashes, a replay-visible log, state kept outside the execution
     * @return the execution result (serialized as JSON)
     */
    Object run(JsonNode input, DurableContext ctx, CaseProbe probe);
}
