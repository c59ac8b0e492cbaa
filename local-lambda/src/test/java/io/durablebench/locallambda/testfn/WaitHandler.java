package io.durablebench.locallambda.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.Operation;

/** One wait of {@code seconds}; suspends (PENDING) until the service completes it. */
public class WaitHandler extends DurableTestHandler {
    public WaitHandler(Map<String, String> env) {
        super(env);
    }

    @Override
    protected void run(RawDurable d, OutputStream out, Context context) throws IOException {
        int seconds = d.input().path("seconds").asInt(5);
        Operation op = d.op("wait-1");
        if (op == null) {
            d.checkpoint(Updates.waitStart("wait-1", "pause", seconds));
            op = d.op("wait-1");
        }
        if (op.statusAsString().equals("SUCCEEDED")) {
            RawDurable.succeeded(out, "\"waited\"");
        } else {
            RawDurable.pending(out);
        }
    }
}
