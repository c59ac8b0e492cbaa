package io.durablebench.locallambda.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.Operation;

/** N sequential steps, each adding its number to the running value; each step checkpoints START+SUCCEED. */
public class StepsHandler extends DurableTestHandler {
    public StepsHandler(Map<String, String> env) {
        super(env);
    }

    @Override
    protected void run(RawDurable d, OutputStream out, Context context) throws IOException {
        JsonNode input = d.input();
        if (input.has("failWith")) {
            RawDurable.failed(out, "WorkflowError", input.get("failWith").asText());
            return;
        }
        int steps = input.path("steps").asInt(3);
        long value = input.path("base").asLong(0);
        for (int i = 1; i <= steps; i++) {
            String id = "step-" + i;
            Operation op = d.op(id);
            if (op != null && op.statusAsString().equals("SUCCEEDED")) {
                value = Long.parseLong(op.stepDetails().result());
                continue;
            }
            value += i;
            d.checkpoint(Updates.stepStart(id, "step" + i), Updates.stepSucceed(id, "step" + i, Long.toString(value)));
        }
        RawDurable.succeeded(out, Long.toString(value));
    }
}
