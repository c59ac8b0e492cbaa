package io.durablebench.locallambda.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.io.OutputStream;
import software.amazon.awssdk.services.lambda.model.Operation;

/**
 * A durable function whose code says which code it is: it waits for callback {@code cb-1} and ends
 * with {@code {"code":<code>,"result":<the callback's result>}}. The template's instance is code
 * {@code v1}; a test deploys others made in code.
 */
public class VersionedCallbackHandler extends DurableTestHandler {
    private final String code;

    public VersionedCallbackHandler() {
        this("v1");
    }

    public VersionedCallbackHandler(String code) {
        this.code = code;
    }

    @Override
    protected void run(RawDurable d, OutputStream out, Context context) throws IOException {
        Operation op = d.op("cb-1");
        if (op == null) {
            d.checkpoint(Updates.callbackStart("cb-1", "approval", null, null));
            op = d.op("cb-1");
        }
        if (op.statusAsString().equals("SUCCEEDED")) {
            var n = RawDurable.JSON.createObjectNode();
            n.put("code", code);
            n.set("result", RawDurable.JSON.readTree(op.callbackDetails().result()));
            n.put("version", context.getFunctionVersion());
            RawDurable.succeeded(out, RawDurable.JSON.writeValueAsString(n));
        } else {
            RawDurable.pending(out);
        }
    }
}
