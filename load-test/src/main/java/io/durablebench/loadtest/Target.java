package io.durablebench.loadtest;

import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Where the functions run: what the workloads invoke and where they read whole-execution counts. */
public interface Target extends AutoCloseable {
    /** embedded, endpoint or aws, for the report. */
    String description();

    LambdaClient lambda();

    /**
     * What to invoke for a template function: its logical id locally, the stack's ARN on AWS; durable
     * functions through their {@code live} alias (Lambda refuses unqualified durable invokes).
     */
    String function(String logicalId);

    /** The video bucket and a way to put the source in it; empty when the target has none configured. */
    Optional<VideoStore> videoStore();

    /** Whole-execution counts of a durable execution and the children it started. */
    DurableCounts durableCounts(String executionArn);

    /** A function that does nothing, invoked the same way, to measure the harness's own overhead; empty if none. */
    Optional<String> noOpFunction();

    @Override
    void close();

    /** The bucket the video functions read from, and an upload into it. */
    interface VideoStore {
        String bucket();

        void upload(String key, byte[] bytes);
    }
}
