package io.durablebench.conformance.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.DurableHandler;

/** A durable function running one vector's {@link CaseBody}; one instance per invocation. */
public final class VectorFunction extends DurableHandler<JsonNode, Object> {
    private final CaseBody body;
    private final CaseProbe probe;

    public VectorFunction(CaseBody body, CaseProbe probe) {
        this.body = body;
        this.probe = probe;
    }

    @Override
    public Object handleRequest(JsonNode input, DurableContext context) {
        return body.run(input, context, probe);
    }
}
