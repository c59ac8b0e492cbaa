package io.durablebench.locallambda.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.io.OutputStream;

/** A durable handler whose every invocation throws: the service retries it, then fails the execution. */
public class ThrowingHandler extends DurableTestHandler {
    @Override
    protected void run(RawDurable d, OutputStream out, Context context) throws IOException {
        throw new IllegalStateException("boom");
    }
}
