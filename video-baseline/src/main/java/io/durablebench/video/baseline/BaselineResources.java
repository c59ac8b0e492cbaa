package io.durablebench.video.baseline;

import io.durablebench.model.aws.AwsClients;
import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.metrics.StoreMeter;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The AWS wiring of a baseline coordinator instance: what every baseline function has
 * ({@link WorkerResources}), its coordination settings, and a Lambda client that dispatches chunk
 * workers (not metered: invokes are not store calls).
 */
record BaselineResources(WorkerResources shared, BaselineConfig config, WorkerDispatcher dispatcher) {
    static BaselineResources of(FunctionEnvironment env, StoreMeter meter) {
        BaselineConfig config = BaselineConfig.fromEnvironment(env);
        LambdaClient lambda = AwsClients.build(LambdaClient.builder(), "LAMBDA", env, null);
        return new BaselineResources(WorkerResources.of(env, meter), config,
                new LambdaWorkerDispatcher(lambda, config.workerFunction()));
    }

    /** Primes the S3, DynamoDB and Lambda calls; nothing is read, written or invoked. */
    void prime() {
        shared.prime();
        dispatcher.prime();
    }

    OptimizedCoordinator optimized() {
        return new OptimizedCoordinator(shared.stages(), shared.table(), shared.runner(), dispatcher, config,
                shared.clock());
    }

    PaperCoordinator paper() {
        return new PaperCoordinator(shared.stages(), shared.table(), shared.paperTable(), shared.runner(), dispatcher,
                config);
    }
}
