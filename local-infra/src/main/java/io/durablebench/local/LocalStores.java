package io.durablebench.local;

import io.durablebench.local.template.FunctionDefinition;
import io.durablebench.local.template.LocalResources;
import io.durablebench.local.template.SamTemplate;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * DynamoDB and S3 with the template's tables and buckets, whichever real implementation serves them:
 * DynamoDB Local and the local S3 in this JVM ({@link LocalAws}) or LocalStack in a container
 * ({@link io.durablebench.local.localstack.LocalStackAws}).
 */
public interface LocalStores extends AutoCloseable {
    /** Which implementation: {@code local} or {@code localstack} (the load test's {@code --stores}). */
    String kind();

    URI dynamoDbEndpoint();

    URI s3Endpoint();

    /** Region, credentials and both endpoints, as a function's environment variables. */
    Map<String, String> storeEnvironment();

    /** An unmetered client for setup and inspection. */
    DynamoDbClient dynamoDbClient();

    /** An unmetered client for setup and inspection (path-style). */
    S3Client s3Client();

    LocalResources resources();

    default SamTemplate template() {
        return resources().template();
    }

    /** A template function's environment with every intrinsic resolved locally, pointed at these stores. */
    default Map<String, String> environmentOf(String functionLogicalId) {
        FunctionDefinition f = template().function(functionLogicalId);
        Map<String, String> env = new LinkedHashMap<>(resources().environment(f));
        env.putAll(storeEnvironment());
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionLogicalId);
        return env;
    }

    /** The local name of a template bucket, e.g. {@code videobucket} for {@code VideoBucket}. */
    default String bucketName(String logicalId) {
        return resources().bucketName(logicalId);
    }

    @Override
    void close();
}
