package io.durablebench.support;

import io.durablebench.local.dynamodb.DynamoDbLocal;
import io.durablebench.local.wire.WireCounter;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB Local in memory behind a {@link WireCounter} (the independent count the metering tests
 * check against), with one table keyed by a string {@code pk}.
 */
public record CountedDynamoDb(DynamoDbLocal ddb, WireCounter wire, Map<String, String> environment)
        implements AutoCloseable {
    public static CountedDynamoDb start(String table) {
        DynamoDbLocal ddb = DynamoDbLocal.startInMemory();
        WireCounter wire = WireCounter.in(ddb.endpoint());
        Map<String, String> env = new HashMap<>(ddb.environment());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", wire.endpoint().toString());
        try (DynamoDbClient admin = ddb.client()) {
            admin.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
        }
        return new CountedDynamoDb(ddb, wire, env);
    }

    @Override
    public void close() {
        wire.close();
        ddb.close();
    }
}
