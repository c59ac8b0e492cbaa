package io.durablebench.video.baseline;

import io.durablebench.model.aws.AwsClients;
import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.metrics.StoreMeter;
import io.durablebench.video.pipeline.VideoStages;
import io.durablebench.video.pipeline.VideoTestHooks;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The AWS wiring every baseline function instance has, the chunk worker's whole: the pipeline on
 * its metered S3 client, the job table ({@code VIDEO_TABLE}) on its metered DynamoDB client (one
 * meter: it counts per service; the client itself for the coordinators' other items), the chunk runner
 * and the test-hooks switch.
 */
record WorkerResources(VideoStages stages, JobTable table, PaperJobTable paperTable, ChunkRunner runner,
                       VideoTestHooks hooks, Clock clock, DynamoDbClient dynamoDb) {
    /** Primes the S3 and DynamoDB calls; nothing is read or written. */
    void prime() {
        stages.prime();
        table.prime();
    }

    static WorkerResources of(FunctionEnvironment env, StoreMeter meter) {
        Clock clock = Clock.systemUTC();
        VideoStages stages = VideoStages.fromEnvironment(env, meter);
        DynamoDbClient dynamoDb = AwsClients.build(DynamoDbClient.builder(), "DYNAMODB", env, meter);
        String table = env.require("VIDEO_TABLE");
        return new WorkerResources(stages, new JobTable(dynamoDb, table, clock), new PaperJobTable(dynamoDb, table, clock),
                new ChunkRunner(stages, stages.config().retry(), clock), VideoTestHooks.fromEnvironment(env), clock,
                dynamoDb);
    }
}
