package io.durablebench.loadtest;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Any Lambda-compatible endpoint hosting the template's functions ({@code names}: under their
 * logical ids, durable ones by alias, for a separately started local Lambda). Video workloads need
 * the bucket the functions read and an S3 endpoint to upload the source to. Whole-execution durable
 * counts come from the local Lambda's counters when the endpoint has them, else from the history.
 */
public final class EndpointTarget extends Target {
    private final S3Client s3;

    public EndpointTarget(URI url, URI s3Url, String bucket, String noOpFunction, FunctionNames names) {
        this(url, s3Url == null || bucket == null ? null : S3Client.builder().endpointOverride(s3Url)
                .region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build(), bucket, noOpFunction, names, HarnessClients.local(url));
    }

    private EndpointTarget(URI url, S3Client s3, String bucket, String noOpFunction, FunctionNames names,
                           software.amazon.awssdk.services.lambda.LambdaClient lambda) {
        super(new Parts("endpoint " + url, lambda, names, new DurableCountsReader(lambda, url),
                s3 == null ? Optional.empty() : Optional.of(VideoStore.onS3(s3, bucket)), Optional.ofNullable(noOpFunction)));
        this.s3 = s3;
    }

    @Override
    public void close() {
        lambda().close();
        if (s3 != null) {
            s3.close();
        }
    }
}
