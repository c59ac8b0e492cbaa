package io.durablebench.video.baseline;

import io.durablebench.model.aws.PrimingRequests;
import io.durablebench.model.json.StrictJson;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/** Sends a chunk to the worker function: one asynchronous Invoke (InvocationType Event). */
final class LambdaWorkerDispatcher implements WorkerDispatcher {
    private final LambdaClient lambda;
    private final String workerFunction;

    LambdaWorkerDispatcher(LambdaClient lambda, String workerFunction) {
        this.lambda = lambda;
        this.workerFunction = workerFunction;
    }

    @Override
    public void prime() {
        PrimingRequests.run(() -> lambda.invoke(b -> b.functionName("priming").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{}")).overrideConfiguration(PrimingRequests.marked())));
    }

    @Override
    public void dispatch(WorkerTask task) {
        if (workerFunction == null) {
            throw new IllegalStateException("CHUNK_WORKER_FUNCTION is not set; the template must name the chunk worker");
        }
        lambda.invoke(b -> b.functionName(workerFunction).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromByteArray(StrictJson.writeBytes(task))));
    }
}
