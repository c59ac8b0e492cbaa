package io.durablebench.video.baseline;

import io.durablebench.model.json.StrictJson;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * One asynchronous Invoke (InvocationType Event) of a function named by an environment variable:
 * how the coordinators hand a chunk to a worker and a slice to a slice coordinator.
 *
 * @param function the function's name; null when its variable is unset (an invoke is then refused)
 * @param variable the environment variable that names it, for the refusal
 * @param role     what the function is, for the refusal
 */
record AsyncInvoke(LambdaClient lambda, String function, String variable, String role) {
    void send(Object event) {
        if (function == null) {
            throw new IllegalStateException(variable + " is not set; the template must name the " + role);
        }
        lambda.invoke(b -> b.functionName(function).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromByteArray(StrictJson.writeBytes(event))));
    }
}
