package io.durablebench.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durablebench.local.wire.WireCounter;
import io.durablebench.model.aws.AwsClients;
import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.support.CountedDynamoDb;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The meter against DynamoDB Local, with a wire-level proxy as the independent count. */
class StoreMeterTest {
    static CountedDynamoDb ddb;
    static WireCounter wire;
    static StoreMeter meter;
    static DynamoDbClient client;

    @BeforeAll
    static void start() {
        ddb = CountedDynamoDb.start("meter-test");
        wire = ddb.wire();
        meter = new StoreMeter();
        client = AwsClients.build(DynamoDbClient.builder(), "DYNAMODB", new FunctionEnvironment(ddb.environment()),
                meter);
    }

    @AfterAll
    static void stop() {
        client.close();
        ddb.close();
    }

    @Test
    void countsAKnownSequenceLikeTheWireDoes() {
        StoreMetrics before = meter.snapshot(StoreMeter.DYNAMODB);
        wire.reset();
        Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("k1"), "v", AttributeValue.fromN("1"));
        client.putItem(r -> r.tableName("meter-test").item(item));
        client.getItem(r -> r.tableName("meter-test").key(Map.of("pk", AttributeValue.fromS("k1"))).consistentRead(true));
        client.getItem(r -> r.tableName("meter-test").key(Map.of("pk", AttributeValue.fromS("k1"))));
        client.updateItem(r -> r.tableName("meter-test").key(Map.of("pk", AttributeValue.fromS("k1")))
                .updateExpression("ADD v :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
        assertThatThrownBy(() -> client.putItem(r -> r.tableName("meter-test").item(item).conditionExpression("attribute_not_exists(pk)")))
                .isInstanceOf(ConditionalCheckFailedException.class);
        client.transactWriteItems(r -> r.transactItems(
                t -> t.put(p -> p.tableName("meter-test").item(Map.of("pk", AttributeValue.fromS("k2")))),
                t -> t.put(p -> p.tableName("meter-test").item(Map.of("pk", AttributeValue.fromS("k3"))))));

        StoreMetrics m = meter.snapshot(StoreMeter.DYNAMODB).minus(before);

        assertThat(m.byOperation()).isEqualTo(wire.requests());
        assertThat(m.byOperation()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PutItem", 2L, "GetItem", 2L, "UpdateItem", 1L, "TransactWriteItems", 1L));
        assertThat(m.calls()).isEqualTo(6).isEqualTo(wire.totalRequests());
        assertThat(m.failedCalls()).isEqualTo(1);
        assertThat(m.retries()).isZero();
        assertThat(m.requestBytes()).isEqualTo(wire.requestBytes());
        assertThat(m.responseBytes()).isEqualTo(wire.responseBytes());
        // DynamoDB's own accounting for items under 1 KB: a consistent read 1 RCU, an eventually
        // consistent one 0.5; a write 1 WCU; a transactional write 2 WCU per item.
        assertThat(m.readCapacityUnits()).isEqualTo(1.5);
        assertThat(m.writeCapacityUnits()).isEqualTo(1 + 1 + 2 * 2);
    }

    @Test
    void asksForConsumedCapacityOnlyWhereTheCallerDidNotChoose() {
        StoreMetrics before = meter.snapshot(StoreMeter.DYNAMODB);
        var response = client.putItem(r -> r.tableName("meter-test").item(Map.of("pk", AttributeValue.fromS("k9"))));
        assertThat(response.consumedCapacity()).isNotNull();
        assertThat(response.consumedCapacity().capacityUnits()).isEqualTo(1.0);
        client.putItem(r -> r.tableName("meter-test").item(Map.of("pk", AttributeValue.fromS("k9")))
                .returnConsumedCapacity(software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity.NONE));
        StoreMetrics m = meter.snapshot(StoreMeter.DYNAMODB).minus(before);
        assertThat(m.callsOf("PutItem")).isEqualTo(2);
        assertThat(m.writeCapacityUnits()).isEqualTo(1.0);
    }

    @Test
    void logsOneJsonLinePerInvocation() {
        InvocationMetrics metrics = new InvocationMetrics("f", "req-1", 12.5,
                meter.snapshot(StoreMeter.DYNAMODB), StoreMetrics.NONE, null);
        String line = InvocationLog.line(metrics, "ok");
        assertThat(line).doesNotContain("\n").startsWith("{\"type\":\"invocation-metrics\",\"outcome\":\"ok\"")
                .contains("\"requestId\":\"req-1\"").contains("\"byOperation\"");
    }
}
