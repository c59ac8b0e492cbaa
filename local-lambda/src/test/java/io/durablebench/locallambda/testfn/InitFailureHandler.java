package io.durablebench.locallambda.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/** A function whose class cannot be initialised: its environment's init fails. */
public class InitFailureHandler implements RequestStreamHandler {
    static {
        if (System.getenv("AWS_LAMBDA_RUNTIME_API") != null) {
            throw new IllegalStateException("init failed on purpose");
        }
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) {
        throw new AssertionError("never runs");
    }
}
