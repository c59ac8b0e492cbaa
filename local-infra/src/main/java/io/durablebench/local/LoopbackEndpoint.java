package io.durablebench.local;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * A local AWS service on 127.0.0.1 that accepts any credentials (DynamoDB Local, LocalS3): the
 * clients pointed at it and the environment variables that point a function's AWS SDK at it.
 */
public record LoopbackEndpoint(int port) {
    /** The credentials and region local runs use everywhere. */
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";
    public static final String REGION = "us-east-1";

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The builder of a client of this service (not metered; for setup and inspection). */
    public <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        return builder.endpointOverride(uri())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    /** @param service the suffix of the SDK's endpoint variable, e.g. {@code S3} for {@code AWS_ENDPOINT_URL_S3} */
    public Map<String, String> environment(String service) {
        return Map.of(
                "AWS_ENDPOINT_URL_" + service, uri().toString(),
                "AWS_REGION", REGION,
                "AWS_ACCESS_KEY_ID", ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }
}
