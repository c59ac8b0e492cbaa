package io.durablebench.local;

import io.durablebench.local.dynamodb.DynamoDbLocal;
import io.durablebench.local.dynamodb.TableProvisioner;
import io.durablebench.local.s3.S3Local;
import io.durablebench.local.template.LocalResources;
import io.durablebench.local.template.SamTemplate;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The AWS side of a local run in one object: DynamoDB Local with the template's tables, S3 local
 * with the template's buckets, and each function's environment resolved against them, ready to
 * hand to a handler instance with its {@code useEnvironment} before the first invocation.
 *
 * <pre>{@code
 * try (LocalAws aws = LocalAws.start(SamTemplate.locate(Path.of("")))) {
 *     var handler = new CounterBaselineHandler();
 *     handler.useEnvironment(aws.environmentOf("CounterBaselineFunction"));
 * }
 * }</pre>
 */
public final class LocalAws implements LocalStores {
    private final LocalResources resources;
    private final DynamoDbLocal dynamoDb;
    private final DynamoDbClient client;
    private final S3Local s3;

    private LocalAws(SamTemplate template, DynamoDbLocal dynamoDb, S3Local s3) {
        this.resources = new LocalResources(template, LoopbackEndpoint.REGION);
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
        this.client = dynamoDb.client();
        TableProvisioner.createAll(client, template, resources);
        for (String bucket : template.buckets()) {
            s3.createBucket(resources.bucketName(bucket));
        }
    }

    /** DynamoDB Local and S3 local in memory, with the tables and buckets of the given template. */
    public static LocalAws start(Path templateFile) {
        SamTemplate template = SamTemplate.load(templateFile);
        DynamoDbLocal ddb = DynamoDbLocal.startInMemory();
        return withS3(template, ddb, null);
    }

    /**
     * The same with the data kept in {@code dataDir} (DynamoDB's database file there, S3's objects
     * in its {@code s3} subfolder), so it survives restarts.
     */
    public static LocalAws start(Path templateFile, Path dataDir) {
        SamTemplate template = SamTemplate.load(templateFile);
        DynamoDbLocal ddb = DynamoDbLocal.start(dataDir);
        return withS3(template, ddb, dataDir.resolve("s3"));
    }

    private static LocalAws withS3(SamTemplate template, DynamoDbLocal ddb, Path s3Dir) {
        S3Local s3 = null;
        try {
            s3 = s3Dir == null ? S3Local.startInMemory() : S3Local.start(s3Dir);
            return new LocalAws(template, ddb, s3);
        } catch (RuntimeException e) {
            if (s3 != null) {
                s3.close();
            }
            ddb.close();
            throw e;
        }
    }

    @Override
    public LocalResources resources() {
        return resources;
    }

    public DynamoDbLocal dynamoDb() {
        return dynamoDb;
    }

    /** An unmetered client for setup and inspection. */
    @Override
    public DynamoDbClient dynamoDbClient() {
        return client;
    }

    public S3Local s3() {
        return s3;
    }

    @Override
    public String kind() {
        return "local";
    }

    @Override
    public java.net.URI dynamoDbEndpoint() {
        return dynamoDb.endpoint();
    }

    @Override
    public java.net.URI s3Endpoint() {
        return s3.endpoint();
    }

    @Override
    public Map<String, String> storeEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(dynamoDb.environment());
        env.putAll(s3.environment());
        return env;
    }

    @Override
    public software.amazon.awssdk.services.s3.S3Client s3Client() {
        return s3.client();
    }

    /** The local name of a template bucket, e.g. {@code videobucket} for {@code VideoBucket}. */
    @Override
    public String bucketName(String logicalId) {
        if (!template().buckets().contains(logicalId)) {
            throw new IllegalArgumentException("template has no bucket " + logicalId + "; it has " + template().buckets());
        }
        return resources.bucketName(logicalId);
    }

    @Override
    public void close() {
        try {
            client.close();
            s3.close();
        } finally {
            dynamoDb.close();
        }
    }
}
