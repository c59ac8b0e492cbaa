package io.durablebench.video.baseline;

import io.durablebench.model.aws.AwsClients;
import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.metrics.StoreMeter;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The AWS wiring of a baseline coordinator instance (a job's or a slice's): what every baseline
 * function has ({@link WorkerResources}), its coordination settings, the slice items, and a Lambda
 * client that dispatches chunk workers and slice coordinators (not metered: invokes are not store
 * calls).
 */
record BaselineResources(WorkerResources shared, BaselineConfig config, WorkerDispatcher dispatcher,
                         SliceTable sliceTable, SliceDispatcher sliceDispatcher) {
    static BaselineResources of(FunctionEnvironment env, StoreMeter meter) {
        BaselineConfig config = BaselineConfig.fromEnvironment(env);
        LambdaClient lambda = AwsClients.build(LambdaClient.builder(), "LAMBDA", env, null);
        WorkerResources shared = WorkerResources.of(env, meter);
        return new BaselineResources(shared, config,
                new LambdaWorkerDispatcher(new AsyncInvoke(lambda, config.workerFunction(),
                        "CHUNK_WORKER_FUNCTION", "chunk worker")),
                new SliceTable(shared.dynamoDb(), config.table(), shared.clock()),
                new LambdaSliceDispatcher(new AsyncInvoke(lambda, config.sliceFunction(),
                        "SLICE_COORDINATOR_FUNCTION", "slice coordinator")));
    }

    ChunkFanOut fanOut() {
        return new ChunkFanOut(shared.table(), shared.runner(), dispatcher, config, shared.clock());
    }

    /** Primes the S3, DynamoDB and Lambda calls; nothing is read, written or invoked. */
    void prime() {
        shared.prime();
        dispatcher.prime();
    }

    OptimizedCoordinator optimized() {
        return new OptimizedCoordinator(shared.stages(), new JobClaim(shared.table(), config, shared.clock()), fanOut(),
                new SlicedJob(shared.stages(), sliceTable, sliceDispatcher, config, shared.clock()),
                new BaselineCompensation(shared.stages(), compensationTable()));
    }

    private CompensationTable compensationTable() {
        return new CompensationTable(shared.dynamoDb(), config.table(), shared.clock());
    }

    SliceCoordinator slice() {
        return new SliceCoordinator(shared.table(), sliceTable, fanOut());
    }

    PaperCoordinator paper() {
        return new PaperCoordinator(shared, dispatcher, compensationTable(), config);
    }
}
