package io.durablebench.locallambda.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** An ordinary (not durable) function: echoes its input with what the host gave it. */
public class EchoHandler implements RequestStreamHandler {
    /** The process's environment (in an execution environment of its own), or the one the local Lambda hands it. */
    private volatile Map<String, String> env = System.getenv();

    /** The local Lambda's hand-over of the function's environment when it hosts this in its own JVM. */
    public void useEnvironment(Map<String, String> environment) {
        this.env = Map.copyOf(environment);
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        byte[] bytes = in.readAllBytes();
        JsonNode input = RawDurable.inputOf(bytes);
        if (!RawDurable.sleepIfAsked(input)) {
            throw new IllegalStateException("interrupted");
        }
        if (input.has("fail")) {
            throw new IllegalStateException(input.get("fail").asText());
        }
        ObjectNode n = RawDurable.JSON.createObjectNode();
        n.set("input", input);
        n.put("inputBytes", bytes.length);
        n.put("greeting", env.get("GREETING"));
        n.put("lambdaEndpoint", env.get("AWS_ENDPOINT_URL_LAMBDA"));
        n.put("extra", env.get("EXTRA_SETTING"));
        n.put("functionName", context.getFunctionName());
        n.put("version", context.getFunctionVersion());
        n.put("invokedArn", context.getInvokedFunctionArn());
        n.put("requestId", context.getAwsRequestId());
        n.put("remainingMillis", context.getRemainingTimeInMillis());
        n.put("instance", System.identityHashCode(this));
        out.write(RawDurable.JSON.writeValueAsBytes(n));
    }
}
