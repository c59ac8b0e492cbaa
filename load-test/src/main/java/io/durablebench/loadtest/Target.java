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

    /**
     * Counters of every DynamoDB and S3 request on the wire, by operation (DynamoDB: its API name; S3:
     * {@code "METHOD /bucket/key"}), when the target's stores are behind counting proxies; empty otherwise.
     */
    default Optional<WireCounts> wire() {
        return Optional.empty();
    }

    @Override
    void close();

    /** Snapshots of the wire counters. */
    interface WireCounts {
        java.util.Map<String, Long> dynamoDb();

        java.util.Map<String, Long> s3();
    }

    /** The bucket the video functions read from, and an upload into it. */
    interface VideoStore {
        String bucket();

        void upload(String key, byte[] bytes);
    }

    /** A video store on an S3 endpoint (a deployed stack's bucket, or a local S3 beside an endpoint). */
    record S3VideoStore(software.amazon.awssdk.services.s3.S3Client s3, String bucket) implements VideoStore {
        @Override
        public void upload(String key, byte[] bytes) {
            s3.putObject(b -> b.bucket(bucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromBytes(bytes));
        }
    }
}
