package io.durablebench.video.baseline;

import io.durablebench.model.json.StrictJson;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/** Sends a slice to the slice coordinator function: one asynchronous Invoke (InvocationType Event). */
final class LambdaSliceDispatcher implements SliceDispatcher {
    private final LambdaClient lambda;
    private final String sliceFunction;

    LambdaSliceDispatcher(LambdaClient lambda, String sliceFunction) {
        this.lambda = lambda;
        this.sliceFunction = sliceFunction;
    }

    @Override
    public void dispatch(SliceEvent event) {
        if (sliceFunction == null) {
            throw new IllegalStateException("SLICE_COORDINATOR_FUNCTION is not set; the template must name the slice "
                    + "coordinator");
        }
        lambda.invoke(b -> b.functionName(sliceFunction).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromByteArray(StrictJson.writeBytes(event))));
    }
}
