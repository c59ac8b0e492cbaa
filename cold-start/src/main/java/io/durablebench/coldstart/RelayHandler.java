package io.durablebench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * What the local Lambda hosts in place of each template function during the benchmark: it hands
 * the invocation (the event exactly as the local Lambda made it, durable invocation events
 * included) to a fresh JVM running the function's own package ({@link FreshRuntime}), with the
 * environment the local Lambda gave this function, and returns that JVM's answer. So the fresh
 * JVM's first invocation talks to the real local services: DynamoDB Local, the local S3, and the
 * local Lambda's checkpoint API.
 */
public final class RelayHandler implements RequestStreamHandler {
    /** The relayed function's environment, handed by the local Lambda before the first invocation. */
    private volatile Map<String, String> environment;

    /**
     * How the local Lambda hands this instance the environment of the function it stands for (the
     * host's contract for functions sharing its JVM, docs/adr/0015-environment-handed-by-the-host.md).
     */
    public void useEnvironment(Map<String, String> environment) {
        if (environment == null) {
            throw new IllegalArgumentException("RelayHandler: the handed environment is null");
        }
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, String> environment = this.environment;
        if (environment == null) {
            throw new IllegalStateException("RelayHandler has no function environment: it runs hosted by the local"
                    + " Lambda, which hands it one with useEnvironment before the first invocation");
        }
        String function = environment.get("AWS_LAMBDA_FUNCTION_NAME");
        ColdStartSession.Armed armed = ColdStartSession.current().take(function);
        if (armed == null) {
            // a replay or retry the benchmark did not ask for: fail it, the benchmark stops the execution
            throw new IllegalStateException(function + ": not a measured invocation");
        }
        RuntimeApiServer.Event event = new RuntimeApiServer.Event(input.readAllBytes(), context.getAwsRequestId(),
                System.currentTimeMillis() + context.getRemainingTimeInMillis(), context.getInvokedFunctionArn());
        FreshRuntime.Measurement m;
        try {
            m = FreshRuntime.run(armed.launch(environment), event, armed.invokeLimit());
        } catch (RuntimeException e) {
            ColdStartSession.current().failed(armed, e);
            throw e;
        }
        ColdStartSession.current().record(armed, m);
        if (m.answer().error()) {
            throw new IllegalStateException(function + " answered an error: " + m.answer().text());
        }
        output.write(m.answer().body());
    }
}
