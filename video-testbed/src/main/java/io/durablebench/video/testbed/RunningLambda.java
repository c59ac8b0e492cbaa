package io.durablebench.video.testbed;

import io.durablebench.locallambda.LocalLambda;
import java.net.URI;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The local Lambda service a {@link VideoTestBed} runs and the client connected to it: replaced
 * together, in one step, when the bed restarts the service ({@link VideoTestBed#restartLambda}).
 *
 * @param service the service itself, e.g. to register a function built in code
 */
public record RunningLambda(LocalLambda service, LambdaClient client) implements AutoCloseable {
    public URI endpoint() {
        return service.endpoint();
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            service.close();
        }
    }
}
