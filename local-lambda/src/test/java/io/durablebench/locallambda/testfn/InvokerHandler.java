package io.durablebench.locallambda.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.Operation;

/** A chained invoke of {@code target} with {@code payload}; returns the target's result. */
public class InvokerHandler extends DurableTestHandler {
    public InvokerHandler(Map<String, String> env) {
        super(env);
    }

    @Override
    protected void run(RawDurable d, OutputStream out, Context context) throws IOException {
        JsonNode input = d.input();
        Operation op = d.op("invoke-1");
        if (op == null) {
            // no "payload" member: a chained invoke without a payload
            d.checkpoint(Updates.invokeStart("invoke-1", "call", input.get("target").asText(),
                    input.has("payload") ? RawDurable.JSON.writeValueAsString(input.get("payload")) : null));
            op = d.op("invoke-1");
        }
        switch (op.statusAsString()) {
            case "SUCCEEDED" -> RawDurable.succeeded(out, op.chainedInvokeDetails().result());
            case "FAILED", "TIMED_OUT", "STOPPED" -> RawDurable.failed(out,
                    op.chainedInvokeDetails().error().errorType(),
                    op.statusAsString() + ": " + op.chainedInvokeDetails().error().errorMessage());
            default -> RawDurable.pending(out);
        }
    }
}
