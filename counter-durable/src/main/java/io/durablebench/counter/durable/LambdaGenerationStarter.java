package io.durablebench.counter.durable;

import io.durablebench.durable.DurableConfig;
import io.durablebench.model.json.StrictJson;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Starts a generation with an asynchronous Invoke of the entity function under the generation's
 * durable execution name: Lambda returns the existing execution for a repeated start with the
 * same input, so retrying this is safe.
 *
 * <p>{@code NEXT_GENERATION_ALIAS} (template: {@code live}) names the alias the next generation
 * starts on: a generation runs to its end on the version it started on, and its successor, a fresh
 * execution, runs what the alias names then, so a deploy reaches every counter at its next
 * generation. Unset: the next generation starts where this one was invoked.
 */
final class LambdaGenerationStarter implements GenerationStarter {
    private final Supplier<Map<String, String>> environment;
    private volatile LambdaClient lambda;

    /** @param environment the function's environment, asked for when a generation is first started */
    LambdaGenerationStarter(Supplier<Map<String, String>> environment) {
        this.environment = environment;
    }

    /** The function to start the next generation on: {@code self} requalified with {@code alias}, if one is set. */
    static String nextGenerationTarget(String self, String alias) {
        return alias == null || alias.isBlank() ? self : CounterEntityClient.bareName(self) + ":" + alias;
    }

    @Override
    public String start(String self, EntityState state) {
        String functionArn = nextGenerationTarget(self, environment.get().get("NEXT_GENERATION_ALIAS"));
        InvokeResponse r = client().invoke(b -> b.functionName(functionArn).invocationType(InvocationType.EVENT)
                .durableExecutionName(EntityState.executionName(state.counterId(), state.generation()))
                .payload(SdkBytes.fromByteArray(StrictJson.writeBytes(state))));
        return r.durableExecutionArn();
    }

    private LambdaClient client() {
        if (lambda == null) {
            synchronized (this) {
                if (lambda == null) {
                    lambda = DurableConfig.lambdaClient(environment.get());
                }
            }
        }
        return lambda;
    }
}
