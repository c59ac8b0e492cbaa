package io.durablebench.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.durablebench.model.aws.AwsClients;
import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.aws.PrimingRequests;
import io.durablebench.model.metrics.StoreMeter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Priming as SnapStart runs it: hooks registered through org.crac reach the Lambda Java runtime's
 * own CRaC context (AWS's runtime interface client, {@code com.amazonaws.services.lambda.crac}, wired
 * by this module's surefire configuration), and a priming request goes through a real client's
 * whole call path but never reaches the server.
 */
class SnapshotPrimingTest {
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", x -> {
            requests.incrementAndGet();
            x.getRequestBody().readAllBytes();
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private DynamoDbClient client(StoreMeter meter) {
        FunctionEnvironment env = new FunctionEnvironment(Map.of("AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + server.getAddress().getPort(),
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
        return AwsClients.build(DynamoDbClient.builder(), "DYNAMODB", env, meter);
    }

    @Test
    void aPrimingRequestRunsTheCallPathButIsNeitherSentNorCounted() {
        StoreMeter meter = new StoreMeter();
        try (DynamoDbClient dynamoDb = client(meter)) {
            PrimingRequests.run(() -> dynamoDb.getItem(b -> b.tableName("counters")
                    .key(Map.of("pk", AttributeValue.fromS("priming"))).overrideConfiguration(PrimingRequests.marked())));

            assertThat(requests).hasValue(0);
            assertThat(meter.snapshot(StoreMeter.DYNAMODB).calls()).isZero();

            // the same client's ordinary calls go out and are counted
            dynamoDb.getItem(b -> b.tableName("counters").key(Map.of("pk", AttributeValue.fromS("c-1"))));
            assertThat(requests).hasValue(1);
            assertThat(meter.snapshot(StoreMeter.DYNAMODB).calls()).isEqualTo(1);
        }
    }

    @Test
    void anUnmarkedCallGivenAsPrimingIsReportedNotSwallowed() {
        try (DynamoDbClient dynamoDb = client(null)) {
            assertThatThrownBy(() -> PrimingRequests.run(() -> dynamoDb.getItem(b -> b.tableName("counters")
                    .key(Map.of("pk", AttributeValue.fromS("c-1"))))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("was sent");
            assertThat(requests).hasValue(1);
        }
    }

    @Test
    void theLambdaRuntimesCheckpointRunsARegisteredPrimingOnce() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        SnapshotPriming priming = SnapshotPriming.register(ran::incrementAndGet);
        assertThat(priming.primed()).isFalse();

        // what the runtime interface client does: load its native part at start, then, before Lambda
        // takes the snapshot, run the hooks of its global CRaC context
        com.amazonaws.services.lambda.runtime.api.client.runtimeapi.JniHelper.load();
        com.amazonaws.services.lambda.crac.Core.getGlobalContext().beforeCheckpoint(null);

        assertThat(ran).hasValue(1);
        assertThat(priming.primed()).isTrue();
    }
}
