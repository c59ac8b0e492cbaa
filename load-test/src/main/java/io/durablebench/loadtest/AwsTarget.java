package io.durablebench.loadtest;

import io.durablebench.local.template.SamTemplate;
import io.durablebench.video.testbed.VideoTestBed;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import java.net.URI;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The deployed stack: function ARNs (durable ones by their alias ARN) and the bucket from the
 * CloudFormation stack's outputs ({@link StackOutputs}); durable counts from the histories. Not
 * testable end to end here (no AWS account); its parts are ({@code StackOutputsTest}).
 */
public final class AwsTarget extends Target {
    private final S3Client s3;

    private AwsTarget(String stack, StackOutputs outputs, S3Client s3,
                      software.amazon.awssdk.services.lambda.LambdaClient lambda) {
        // the no-op function is not in template.yaml: its share is reported as n/a
        super(new Parts("aws stack " + stack, lambda, outputs, new DurableCountsReader(lambda, null),
                outputs.bucket(VideoTestBed.BUCKET_ID).map(bucket -> VideoStore.onS3(s3, bucket)), Optional.empty()));
        this.s3 = s3;
    }

    public static AwsTarget start(String stack, Region region, SamTemplate template) {
        return start(stack, region, null, template);
    }

    /**
     * @param endpoint one endpoint for CloudFormation, Lambda and S3 instead of AWS's (an AWS emulator such as
     *                 LocalStack: scripts/localstack-deploy.sh), or null for AWS
     */
    public static AwsTarget start(String stack, Region region, URI endpoint, SamTemplate template) {
        var s3 = S3Client.builder().region(region).httpClientBuilder(UrlConnectionHttpClient.builder());
        if (endpoint != null) {
            s3.endpointOverride(endpoint).forcePathStyle(true);
        }
        return new AwsTarget(stack, StackOutputs.describe(stack, region, endpoint, template), s3.build(),
                HarnessClients.aws(region, endpoint));
    }

    @Override
    public void close() {
        lambda().close();
        s3.close();
    }
}
