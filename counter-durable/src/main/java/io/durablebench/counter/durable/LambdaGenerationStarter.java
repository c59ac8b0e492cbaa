package io.durablebench.counter.durable;

import io.durablebench.durable.DurableConfig;
import io.durablebench.model.json.StrictJson;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Starts a generation with an asynchronous Invoke of the entity function under the generation's
 * durable execution name: Lambda returns the existing execution for a repeated start with the
 * same input, so retrying this is safe.
 */
final class LambdaGenerationStarter implements GenerationStarter {
    private final Map<String, String> environment;
    private volatile LambdaClient lambda;

    LambdaGenerationStarter(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String start(String functionArn, EntityState state) {
        InvokeResponse r = client().invoke(b -> b.functionName(functionArn).invocationType(InvocationType.EVENT)
                .durableExecutionName(EntityState.executionName(state.counterId(), state.generation()))
                .payload(SdkBytes.fromByteArray(StrictJson.writeBytes(state))));
        return r.durableExecutionArn();
    }

    private LambdaClient client() {
        if (lambda == null) {
            synchronized (this) {
                if (lambda == null) {
                    lambda = DurableConfig.lambdaClient(environment);
                }
            }
        }
        return lambda;
    }
}
