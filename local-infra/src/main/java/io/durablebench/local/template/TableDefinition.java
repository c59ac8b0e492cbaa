package io.durablebench.local.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;

/**
 * One {@code AWS::DynamoDB::Table} of the template. The template is the single source of truth
 * for table schemas: local runs create their tables from this, never from a second copy.
 */
public record TableDefinition(String logicalId, Map<String, Object> properties) {

    /** The attribute that holds item expiry times, if the table declares TTL. */
    public java.util.Optional<String> timeToLiveAttribute() {
        Object spec = properties.get("TimeToLiveSpecification");
        if (spec instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("Enabled"))) {
            return java.util.Optional.of(String.valueOf(m.get("AttributeName")));
        }
        return java.util.Optional.empty();
    }

    public CreateTableRequest toCreateTableRequest(String tableName) {
        CreateTableRequest.Builder b = CreateTableRequest.builder().tableName(tableName)
                .attributeDefinitions(attributeDefinitions())
                .keySchema(keySchema(list(properties.get("KeySchema"), "KeySchema")));
        boolean onDemand = "PAY_PER_REQUEST".equals(properties.get("BillingMode"));
        if (onDemand) {
            b.billingMode(BillingMode.PAY_PER_REQUEST);
        } else {
            b.billingMode(BillingMode.PROVISIONED).provisionedThroughput(throughput(properties.get("ProvisionedThroughput")));
        }
        Object gsis = properties.get("GlobalSecondaryIndexes");
        if (gsis != null) {
            List<GlobalSecondaryIndex> indexes = new ArrayList<>();
            for (Object o : list(gsis, "GlobalSecondaryIndexes")) {
                Map<?, ?> gsi = (Map<?, ?>) o;
                GlobalSecondaryIndex.Builder g = GlobalSecondaryIndex.builder()
                        .indexName(String.valueOf(gsi.get("IndexName")))
                        .keySchema(keySchema(list(gsi.get("KeySchema"), "KeySchema")))
                        .projection(projection((Map<?, ?>) gsi.get("Projection")));
                if (!onDemand) {
                    g.provisionedThroughput(throughput(gsi.get("ProvisionedThroughput")));
                }
                indexes.add(g.build());
            }
            b.globalSecondaryIndexes(indexes);
        }
        return b.build();
    }

    private List<AttributeDefinition> attributeDefinitions() {
        List<AttributeDefinition> defs = new ArrayList<>();
        for (Object o : list(properties.get("AttributeDefinitions"), "AttributeDefinitions")) {
            Map<?, ?> m = (Map<?, ?>) o;
            defs.add(AttributeDefinition.builder().attributeName(String.valueOf(m.get("AttributeName")))
                    .attributeType(String.valueOf(m.get("AttributeType"))).build());
        }
        return defs;
    }

    private static List<KeySchemaElement> keySchema(List<?> elements) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (Object o : elements) {
            Map<?, ?> m = (Map<?, ?>) o;
            keys.add(KeySchemaElement.builder().attributeName(String.valueOf(m.get("AttributeName")))
                    .keyType(String.valueOf(m.get("KeyType"))).build());
        }
        return keys;
    }

    private static Projection projection(Map<?, ?> m) {
        Projection.Builder p = Projection.builder().projectionType(String.valueOf(m.get("ProjectionType")));
        Object nonKey = m.get("NonKeyAttributes");
        if (nonKey instanceof List<?> l) {
            p.nonKeyAttributes(l.stream().map(String::valueOf).toList());
        }
        return p.build();
    }

    private static ProvisionedThroughput throughput(Object o) {
        long read = 5;
        long write = 5;
        if (o instanceof Map<?, ?> m) {
            read = Long.parseLong(String.valueOf(m.get("ReadCapacityUnits")));
            write = Long.parseLong(String.valueOf(m.get("WriteCapacityUnits")));
        }
        return ProvisionedThroughput.builder().readCapacityUnits(read).writeCapacityUnits(write).build();
    }

    private List<?> list(Object o, String what) {
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException("table " + logicalId + ": " + what + " must be a list");
        }
        return l;
    }
}
