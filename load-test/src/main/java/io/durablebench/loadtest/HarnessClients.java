package io.durablebench.loadtest;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;

/**
 * The Lambda client the driver invokes the measured functions with, on every target. Apache's
 * pooled HTTP client: on the embedded target it took about 1.5 ms per no-op invoke where the
 * URL-connection client took about 2.9 ms (raw HTTP to the same service: about 1.0 ms), and that
 * time is the harness's overhead in every measured latency. No SDK retries: a failed invoke is a
 * failed run, never silently a slower one.
 */
final class HarnessClients {
    /** Longest run the driver waits for: a video job of 1,000 chunks under injected failures. */
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(15);
    /** Enough pooled connections for any --concurrency the driver accepts. */
    private static final int MAX_CONNECTIONS = 256;

    private HarnessClients() {
    }

    /** A client for a local endpoint (the embedded service, local-lambda, sam local start-lambda). */
    static LambdaClient local(URI endpoint) {
        return builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    /** A client for the real service, with the SDK's default credentials chain. */
    static LambdaClient aws(Region region) {
        return builder().region(region).build();
    }

    /** A client for an AWS-compatible endpoint (LocalStack), with the SDK's default credentials chain. */
    static LambdaClient aws(Region region, URI endpoint) {
        return endpoint == null ? aws(region) : builder().region(region).endpointOverride(endpoint).build();
    }

    private static LambdaClientBuilder builder() {
        return LambdaClient.builder()
                .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(CALL_TIMEOUT).maxConnections(MAX_CONNECTIONS))
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()).apiCallTimeout(CALL_TIMEOUT));
    }
}
