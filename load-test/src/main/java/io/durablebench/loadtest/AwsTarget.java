package io.durablebench.loadtest;

import io.durablebench.local.template.SamTemplate;
import io.durablebench.video.testbed.VideoTestBed;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The deployed stack: function ARNs (durable ones by their alias ARN) and the bucket from the
 * CloudFormation stack's outputs ({@link StackOutputs}); durable counts from the histories. Not
 * testable end to end here (no AWS account); its parts are ({@code StackOutputsTest}).
 */
public final class AwsTarget extends Target {
    private final String stack;
    private final S3Client s3;
    private final Optional<VideoStore> videoStore;

    private AwsTarget(String stack, StackOutputs outputs, Region region,
                      software.amazon.awssdk.services.lambda.LambdaClient lambda) {
        super(lambda, outputs, new DurableCountsReader(lambda, null));
        this.stack = stack;
        this.s3 = S3Client.builder().region(region).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        this.videoStore = outputs.bucket(VideoTestBed.BUCKET_ID).map(bucket -> VideoStore.onS3(s3, bucket));
    }

    public static AwsTarget start(String stack, Region region, SamTemplate template) {
        return new AwsTarget(stack, StackOutputs.describe(stack, region, template), region, HarnessClients.aws(region));
    }

    @Override
    public String description() {
        return "aws stack " + stack;
    }

    @Override
    public Optional<VideoStore> videoStore() {
        return videoStore;
    }

    @Override
    public Optional<String> noOpFunction() {
        return Optional.empty(); // not in template.yaml: reported as n/a
    }

    @Override
    public void close() {
        lambda().close();
        s3.close();
    }
}
