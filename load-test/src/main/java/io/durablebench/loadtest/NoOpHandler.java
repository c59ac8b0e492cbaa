package io.durablebench.loadtest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A function that reads its request and answers {@code {}}: invoked through the same path as the
 * measured functions, its latency is the harness's own overhead (client, HTTP, the local service).
 */
public final class NoOpHandler implements RequestStreamHandler {
    public static final String FUNCTION = "LoadTestNoOpFunction";

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        output.write("{}".getBytes(StandardCharsets.UTF_8));
    }
}
