package io.durablebench.locallambda.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.io.OutputStream;
import software.amazon.awssdk.services.lambda.model.Operation;

/**
 * A durable handler that ends its own process ({@code System.exit(1)}, as AWS's conformance
 * handlers do to play a crashed sandbox) on its first attempt, after its first step is stored; the
 * re-invocation finds the step done and succeeds.
 */
public class ExitOnceHandler extends DurableTestHandler {
    @Override
    protected void run(RawDurable d, OutputStream out, Context context) throws IOException {
        Operation first = d.op("first");
        if (first == null) {
            d.checkpoint(Updates.stepStart("first", "first"), Updates.stepSucceed("first", "first", "\"stored\""));
            System.exit(1);
        }
        RawDurable.succeeded(out, RawDurable.JSON.writeValueAsString("survived; first step " + first.statusAsString()));
    }
}
