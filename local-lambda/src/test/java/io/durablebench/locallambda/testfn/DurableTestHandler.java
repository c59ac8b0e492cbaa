package io.durablebench.locallambda.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Base of the test handlers that speak the durable protocol by hand through {@link RawDurable}. Made
 * as Lambda makes handlers (no arguments); its environment is the process's, unless the local Lambda
 * hosting it in its own JVM hands it the function's with {@link #useEnvironment}.
 */
public abstract class DurableTestHandler implements RequestStreamHandler {
    private volatile Map<String, String> env = System.getenv();
    private LambdaClient lambda; // made at first use, from env

    /** The local Lambda's hand-over of the function's environment, before the first invocation. */
    public final synchronized void useEnvironment(Map<String, String> environment) {
        if (lambda != null) {
            throw new IllegalStateException(getClass().getSimpleName() + " made its client already");
        }
        this.env = Map.copyOf(environment);
    }

    protected final Map<String, String> env() {
        return env;
    }

    protected final synchronized LambdaClient lambda() {
        if (lambda == null) {
            lambda = RawDurable.client(env);
        }
        return lambda;
    }

    @Override
    public final void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        run(RawDurable.begin(lambda(), in), out, context);
    }

    protected abstract void run(RawDurable d, OutputStream out, Context context) throws IOException;
}
