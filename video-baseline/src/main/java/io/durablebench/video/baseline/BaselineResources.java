package io.durablebench.video.baseline;

import io.durablebench.model.aws.AwsClients;
import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.metrics.StoreMeter;
import io.durablebench.video.pipeline.VideoStages;
import io.durablebench.video.pipeline.VideoTestHooks;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The AWS wiring of a baseline function instance: its environment, metered DynamoDB and S3
 * clients (one meter: it counts per service), a Lambda client for dispatching workers, and the
 * pipeline and table on them. Made once per handler instance.
 */
final class BaselineResources {
    final StoreMeter meter = new StoreMeter();
    final String functionName;
    final BaselineConfig config;
    final VideoStages stages;
    final JobTable table;
    final ChunkRunner runner;
    final WorkerDispatcher dispatcher;
    final Clock clock = Clock.systemUTC();
    final VideoTestHooks hooks;

    BaselineResources(FunctionEnvironment env, String defaultName, boolean dispatches) {
        this.functionName = env.functionName(defaultName);
        this.config = BaselineConfig.fromEnvironment(env);
        this.hooks = VideoTestHooks.fromEnvironment(env);
        this.stages = VideoStages.fromEnvironment(env, meter);
        DynamoDbClient dynamoDb = AwsClients.build(DynamoDbClient.builder(), "DYNAMODB", env, meter);
        this.table = new JobTable(dynamoDb, config.table(), clock);
        this.runner = new ChunkRunner(stages, stages.config().retry(), clock);
        // Invokes are not store calls: this client is not metered.
        this.dispatcher = dispatches
                ? new LambdaWorkerDispatcher(AwsClients.build(LambdaClient.builder(), "LAMBDA", env, null), config.workerFunction())
                : null;
    }
}
