package io.durablebench.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durablebench.local.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

class LocalAwsTest {
    private static final String TEMPLATE = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Runtime: java17
                Timeout: 60
            Resources:
              VideoBucket:
                Type: AWS::S3::Bucket
              JobTable:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - AttributeName: pk
                      AttributeType: S
                  KeySchema:
                    - AttributeName: pk
                      KeyType: HASH
              VideoFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: video
                  Handler: example.Handler::handleRequest
                  Environment:
                    Variables:
                      VIDEO_BUCKET: !Ref VideoBucket
                      JOB_TABLE: !Ref JobTable
            """;

    @Test
    void startsS3WithTheTemplatesBucketsAndPointsFunctionsAtIt(@TempDir Path dir) throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), TEMPLATE);
        try (LocalAws aws = LocalAws.start(template)) {
            Map<String, String> env = aws.environmentOf("VideoFunction");
            assertThat(env).containsEntry("VIDEO_BUCKET", "videobucket")
                    .containsEntry("JOB_TABLE", "JobTable")
                    .containsEntry("AWS_ENDPOINT_URL_S3", aws.s3().endpoint().toString())
                    .containsEntry("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoDb().endpoint().toString())
                    .containsKeys("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
            assertThat(aws.bucketName("VideoBucket")).isEqualTo("videobucket");
            assertThatThrownBy(() -> aws.bucketName("JobTable")).hasMessageContaining("no bucket JobTable");
            try (S3Client s3 = aws.s3().client()) {
                assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).containsExactly("videobucket");
            }
            assertThat(aws.dynamoDbClient().listTables().tableNames()).containsExactly("JobTable");
        }
    }

    @Test
    void keepsObjectsAndItemsInTheDataFolderAcrossRestarts(@TempDir Path dir) throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), TEMPLATE);
        Path data = Files.createDirectories(dir.resolve("data"));
        try (LocalAws aws = LocalAws.start(template, data); S3Client s3 = aws.s3().client()) {
            s3.putObject(r -> r.bucket("videobucket").key("kept.mp4"), RequestBody.fromString("bytes"));
        }
        try (LocalAws aws = LocalAws.start(template, data); S3Client s3 = aws.s3().client()) {
            assertThat(s3.getObjectAsBytes(r -> r.bucket("videobucket").key("kept.mp4")).asUtf8String())
                    .isEqualTo("bytes");
        }
        assertThat(data.resolve("s3")).isDirectory();
    }

    @Test
    void parametersTakeTheirDefaultAndTheLocalEndpointsWin(@TempDir Path dir) throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  Stage:
                    Type: String
                    Default: dev
                  S3Endpoint:
                    Type: String
                    Default: ''
                Globals:
                  Function:
                    Environment:
                      Variables:
                        AWS_ENDPOINT_URL_S3: !Ref S3Endpoint
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: fn
                      Handler: example.Handler::handleRequest
                      Environment:
                        Variables:
                          STAGE: !Ref Stage
                """);
        try (LocalAws aws = LocalAws.start(template)) {
            assertThat(aws.environmentOf("Fn")).containsEntry("STAGE", "dev")
                    .containsEntry("AWS_ENDPOINT_URL_S3", aws.s3().endpoint().toString());
        }
    }

    @Test
    void theProjectTemplateStillStarts() {
        try (LocalAws aws = LocalAws.start(SamTemplate.locate(Path.of("")))) {
            assertThat(aws.environmentOf("CounterBaselineFunction")).containsKey("AWS_ENDPOINT_URL_S3")
                    .containsKey("COUNTER_TABLE");
        }
    }
}
