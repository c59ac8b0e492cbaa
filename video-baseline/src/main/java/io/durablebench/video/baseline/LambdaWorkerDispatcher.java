package io.durablebench.video.baseline;

import io.durablebench.model.aws.PrimingRequests;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/** Sends a chunk to the worker function ({@code CHUNK_WORKER_FUNCTION}): one asynchronous Invoke. */
record LambdaWorkerDispatcher(AsyncInvoke invoke) implements WorkerDispatcher {
    @Override
    public void prime() {
        PrimingRequests.run(() -> invoke.lambda().invoke(b -> b.functionName("priming")
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{}"))
                .overrideConfiguration(PrimingRequests.marked())));
    }

    @Override
    public void dispatch(WorkerTask task) {
        invoke.send(task);
    }
}
