package io.durablebench.locallambda.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.Operation;

/** Creates a callback and suspends until an outside caller completes it (or it times out). */
public class CallbackHandler extends DurableTestHandler {
    public CallbackHandler(Map<String, String> env) {
        super(env);
    }

    @Override
    protected void run(RawDurable d, OutputStream out, Context context) throws IOException {
        JsonNode input = d.input();
        Operation op = d.op("cb-1");
        if (op == null) {
            Integer timeout = input.has("timeout") ? input.get("timeout").asInt() : null;
            Integer heartbeat = input.has("heartbeat") ? input.get("heartbeat").asInt() : null;
            d.checkpoint(Updates.callbackStart("cb-1", "approval", timeout, heartbeat));
            op = d.op("cb-1");
            if (op.callbackDetails() == null || op.callbackDetails().callbackId() == null) {
                throw new IllegalStateException("the START response did not carry the CallbackId");
            }
        }
        switch (op.statusAsString()) {
            case "SUCCEEDED" -> RawDurable.succeeded(out, op.callbackDetails().result());
            case "FAILED", "TIMED_OUT" -> RawDurable.failed(out, op.callbackDetails().error().errorType(),
                    op.statusAsString() + ": " + op.callbackDetails().error().errorMessage());
            default -> RawDurable.pending(out);
        }
    }
}
