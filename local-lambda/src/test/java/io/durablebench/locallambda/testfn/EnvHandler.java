package io.durablebench.locallambda.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An ordinary function for execution environments of their own: answers what its process sees
 * ({@code System.getenv}, its process id, the Lambda context), after sleeping {@code sleepMillis}.
 * With {@code "exit": n} it ends its process with that status mid-invocation.
 */
public class EnvHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        byte[] bytes = in.readAllBytes();
        JsonNode input = RawDurable.inputOf(bytes);
        RawDurable.sleepIfAsked(input);
        if (input.has("exit")) {
            System.exit(input.get("exit").asInt());
        }
        ObjectNode n = RawDurable.JSON.createObjectNode();
        n.put("setting", System.getenv("FUNCTION_SETTING"));
        n.put("greeting", System.getenv("GREETING"));
        n.put("extra", System.getenv("EXTRA_SETTING"));
        n.put("functionNameEnv", System.getenv("AWS_LAMBDA_FUNCTION_NAME"));
        n.put("pid", ProcessHandle.current().pid());
        n.put("functionName", context.getFunctionName());
        n.put("requestId", context.getAwsRequestId());
        n.put("invokedArn", context.getInvokedFunctionArn());
        n.put("remainingMillis", context.getRemainingTimeInMillis());
        out.write(RawDurable.JSON.writeValueAsBytes(n));
    }
}
