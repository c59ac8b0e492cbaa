package io.durablebench.local;

import io.durablebench.local.dynamodb.DynamoDbLocal;
import io.durablebench.local.dynamodb.TableProvisioner;
import io.durablebench.local.template.FunctionDefinition;
import io.durablebench.local.template.LocalResources;
import io.durablebench.local.template.SamTemplate;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The AWS side of a local run in one object: DynamoDB Local with the template's tables, and each
 * function's environment resolved against it, ready to hand to a handler's
 * {@code Map<String,String>} constructor.
 *
 * <pre>{@code
 * try (LocalAws aws = LocalAws.start(SamTemplate.locate(Path.of("")))) {
 *     var handler = new CounterBaselineHandler(aws.environmentOf("CounterBaselineFunction"));
 * }
 * }</pre>
 */
public final class LocalAws implements AutoCloseable {
    private final SamTemplate template;
    private final LocalResources resources;
    private final DynamoDbLocal dynamoDb;
    private final DynamoDbClient client;

    private LocalAws(SamTemplate template, DynamoDbLocal dynamoDb) {
        this.template = template;
        this.resources = new LocalResources(template, DynamoDbLocal.REGION);
        this.dynamoDb = dynamoDb;
        this.client = dynamoDb.client();
        TableProvisioner.createAll(client, template, resources);
    }

    /** DynamoDB Local in memory, with the tables of the given template. */
    public static LocalAws start(Path templateFile) {
        return new LocalAws(SamTemplate.load(templateFile), DynamoDbLocal.startInMemory());
    }

    /** The same with DynamoDB Local's data kept in {@code dataDir}, so it survives restarts. */
    public static LocalAws start(Path templateFile, Path dataDir) {
        return new LocalAws(SamTemplate.load(templateFile), DynamoDbLocal.start(dataDir));
    }

    public SamTemplate template() {
        return template;
    }

    public LocalResources resources() {
        return resources;
    }

    public DynamoDbLocal dynamoDb() {
        return dynamoDb;
    }

    /** An unmetered client for setup and inspection. */
    public DynamoDbClient dynamoDbClient() {
        return client;
    }

    /** The environment a function gets locally: its template variables plus the local endpoints. */
    public Map<String, String> environmentOf(String functionLogicalId) {
        FunctionDefinition f = template.function(functionLogicalId);
        Map<String, String> env = new LinkedHashMap<>(resources.environment(f));
        env.putAll(dynamoDb.environment());
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionLogicalId);
        return env;
    }

    @Override
    public void close() {
        client.close();
        dynamoDb.close();
    }
}
