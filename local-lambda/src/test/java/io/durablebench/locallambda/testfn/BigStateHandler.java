package io.durablebench.locallambda.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.Operation;

/**
 * Checkpoints {@code ops} steps with {@code size}-character results, then waits, so the replay's
 * InitialExecutionState is too large for one page; the replay reports the page sizes it read.
 */
public class BigStateHandler extends DurableTestHandler {
    public BigStateHandler(Map<String, String> env) {
        super(env);
    }

    @Override
    protected void run(RawDurable d, OutputStream out, Context context) throws IOException {
        int n = d.input().path("ops").asInt(30);
        int size = d.input().path("size").asInt(200_000);
        boolean oneBatch = d.input().path("oneBatch").asBoolean(false);
        Operation wait = d.op("big-wait");
        boolean deltaPaged = false;
        if (wait == null) {
            java.util.List<software.amazon.awssdk.services.lambda.model.OperationUpdate> batch = new java.util.ArrayList<>();
            for (int i = 1; i <= n; i++) {
                String id = "big-" + i;
                batch.add(Updates.stepStart(id, id));
                batch.add(Updates.stepSucceed(id, id, "\"" + "y".repeat(size - 2) + "\""));
                if (!oneBatch) {
                    d.checkpoint(batch);
                    batch.clear();
                }
            }
            if (oneBatch) {
                deltaPaged = d.checkpoint(batch).newExecutionState().nextMarker() != null;
            }
            d.checkpoint(Updates.waitStart("big-wait", "big-wait", 1));
            wait = d.op("big-wait");
        }
        if (!wait.statusAsString().equals("SUCCEEDED") && !oneBatch) {
            RawDurable.pending(out);
            return;
        }
        int complete = 0;
        for (int i = 1; i <= n; i++) {
            Operation op = d.op("big-" + i);
            if (op != null && op.stepDetails().result().length() == size) {
                complete++;
            }
        }
        ObjectNode result = RawDurable.JSON.createObjectNode();
        result.put("complete", complete);
        result.put("deltaPaged", deltaPaged);
        ArrayNode pages = result.putArray("pages");
        d.initialPages.forEach(pages::add);
        RawDurable.succeeded(out, RawDurable.JSON.writeValueAsString(result));
    }
}
