package io.durablebench.support.durable;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.durable.DurableConfig;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.DurableHandler;
import io.durablebench.durable.TypeToken;
import io.durablebench.durable.serde.JacksonSerDes;
import io.durablebench.model.aws.AwsClients;
import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.aws.PrimingRequests;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.StrictJson;
import io.durablebench.support.SnapshotPriming;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Base of the project's durable functions: one convention for input. The execution's input reaches
 * the handler as the caller sent it ({@link RawJson}) and is read with the strict reader (duplicate
 * keys, trailing content, over-deep nesting are refused; the runtime's default binding would keep
 * the last of two equal keys). Refused input, whether found while decoding or later, FAILS the
 * execution with error type {@code InvalidInput} naming the field ({@link InvalidInputFailure})
 * before the refusal changes anything.
 */
public abstract class StrictDurableHandler<O> extends DurableHandler<RawJson, O> {
    /** A syntactically valid execution ARN for priming requests (they are never sent). */
    private static final String PRIMING_EXECUTION =
            "arn:aws:lambda:us-east-1:000000000000:function:priming:1/durable-execution/priming/00000000";

    private final SnapshotPriming priming;
    private LambdaClient lambda;
    private DurableConfig configuration;

    protected StrictDurableHandler() {
        super(TypeToken.of(RawJson.class));
        this.priming = SnapshotPriming.register(this::prime);
    }

    /**
     * Made once per instance: by the first invocation, or before a SnapStart snapshot by
     * {@link #prime()}, so the snapshot holds the very client the invocations then use. The Lambda
     * client is built like every other client of the project ({@link AwsClients}: the function's
     * region, endpoint and credentials, the URL-connection HTTP client, priming requests stopped).
     */
    @Override
    protected final synchronized DurableConfig createConfiguration() {
        if (configuration == null) {
            lambda = AwsClients.build(LambdaClient.builder(), "LAMBDA", new FunctionEnvironment(environment()), null);
            configuration = DurableConfig.builder().lambdaClient(lambda)
                    .serDes(new RawJsonSerDes(new JacksonSerDes())).build();
        }
        return configuration;
    }

    /**
     * Before a SnapStart snapshot ({@link SnapshotPriming}): the runtime's configuration made and its
     * checkpoint call primed (a CheckpointDurableExecution request stopped before sending). Override
     * (calling this) to prime the function's own resources too.
     */
    protected void prime() {
        createConfiguration();
        PrimingRequests.run(() -> lambda.checkpointDurableExecution(b -> b.durableExecutionArn(PRIMING_EXECUTION)
                .checkpointToken("priming").overrideConfiguration(PrimingRequests.marked())));
    }

    /** The instance's SnapStart priming hook. */
    public final SnapshotPriming priming() {
        return priming;
    }

    /**
     * The workflow, on the strictly read input. Throw {@link InvalidInputException} (or
     * {@link InvalidInputFailure} for a refusal found later, such as a source that failed validation)
     * to refuse the input.
     */
    protected abstract O handle(JsonNode input, DurableContext context);

    @Override
    public final O handleRequest(RawJson input, DurableContext context) {
        try {
            return handle(StrictJson.parse(input.text()), context);
        } catch (InvalidInputException refused) {
            throw InvalidInputFailure.of(refused);
        }
    }
}
