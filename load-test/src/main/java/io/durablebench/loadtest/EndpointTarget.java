package io.durablebench.loadtest;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Any Lambda-compatible endpoint hosting the template's functions under their logical ids (a
 * separately started local Lambda, {@code sam local start-lambda}). Video workloads need the bucket
 * the functions read and an S3 endpoint to upload the source to. Whole-execution durable counts
 * come from the local Lambda's counters when the endpoint has them, else from the history.
 */
public final class EndpointTarget implements Target {
    private final URI url;
    private final LambdaClient lambda;
    private final DurableCountsReader counts;
    private final S3Client s3;
    private final String bucket;
    private final String noOp;

    public EndpointTarget(URI url, URI s3Url, String bucket, String noOpFunction) {
        this.url = url;
        this.lambda = HarnessClients.local(url);
        this.counts = new DurableCountsReader(lambda, url);
        this.bucket = bucket;
        this.s3 = s3Url == null || bucket == null ? null : S3Client.builder().endpointOverride(s3Url)
                .region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        this.noOp = noOpFunction;
    }

    @Override
    public String description() {
        return "endpoint " + url;
    }

    @Override
    public LambdaClient lambda() {
        return lambda;
    }

    @Override
    public String function(String logicalId) {
        return Workloads.isDurable(logicalId) ? logicalId + ":live" : logicalId;
    }

    @Override
    public Optional<VideoStore> videoStore() {
        if (s3 == null) {
            return Optional.empty();
        }
        return Optional.of(new S3VideoStore(s3, bucket));
    }

    @Override
    public DurableCounts durableCounts(String executionArn) {
        return counts.read(executionArn);
    }

    @Override
    public Optional<String> noOpFunction() {
        return Optional.ofNullable(noOp);
    }

    @Override
    public void close() {
        lambda.close();
        if (s3 != null) {
            s3.close();
        }
    }
}
