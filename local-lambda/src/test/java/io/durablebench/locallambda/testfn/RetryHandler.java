package io.durablebench.locallambda.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.Operation;

/** A step that fails {@code failures} times (RETRY with a delay) and then succeeds. */
public class RetryHandler extends DurableTestHandler {
    public RetryHandler(Map<String, String> env) {
        super(env);
    }

    @Override
    protected void run(RawDurable d, OutputStream out, Context context) throws IOException {
        int failures = d.input().path("failures").asInt(1);
        int delay = d.input().path("delay").asInt(1);
        Operation op = d.op("flaky");
        String status = op == null ? "NEW" : op.statusAsString();
        switch (status) {
            case "NEW", "READY" -> {
                int attempt = (op == null ? 0 : op.stepDetails().attempt()) + 1;
                if (attempt <= failures) {
                    d.checkpoint(Updates.stepStart("flaky", "flaky"),
                            Updates.stepRetry("flaky", "flaky", "TransientError", "attempt " + attempt + " failed", delay));
                    RawDurable.pending(out);
                } else {
                    d.checkpoint(Updates.stepStart("flaky", "flaky"),
                            Updates.stepSucceed("flaky", "flaky", "\"ok after " + attempt + "\""));
                    RawDurable.succeeded(out, d.op("flaky").stepDetails().result());
                }
            }
            case "SUCCEEDED" -> RawDurable.succeeded(out, op.stepDetails().result());
            default -> RawDurable.pending(out);
        }
    }
}
