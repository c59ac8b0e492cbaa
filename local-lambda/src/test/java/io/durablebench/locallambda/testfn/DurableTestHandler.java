package io.durablebench.locallambda.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Base of the test handlers that speak the durable protocol by hand through {@link RawDurable}. */
public abstract class DurableTestHandler implements RequestStreamHandler {
    protected final Map<String, String> env;
    protected final LambdaClient lambda;

    /** In an execution environment of its own: the process's environment. */
    protected DurableTestHandler() {
        this(System.getenv());
    }

    protected DurableTestHandler(Map<String, String> env) {
        this.env = env;
        this.lambda = RawDurable.client(env);
    }

    @Override
    public final void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        run(RawDurable.begin(lambda, in), out, context);
    }

    protected abstract void run(RawDurable d, OutputStream out, Context context) throws IOException;
}
