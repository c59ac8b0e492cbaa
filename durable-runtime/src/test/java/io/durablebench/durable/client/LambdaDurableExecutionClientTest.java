package io.durablebench.durable.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.durablebench.durable.DurableConfig;
import io.durablebench.durable.exception.CheckpointException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.OperationAction;
import software.amazon.awssdk.services.lambda.model.OperationType;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;

/** The SDK-backed client over real HTTP to a loopback server: answers, error classes, and the stage timings. */
class LambdaDurableExecutionClientTest {
    static {
        // the JDK server otherwise writes headers and body in two packets and the client's delayed ACK stalls the answer
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:fn:1/durable-execution/run/exec-1";
    /** What the server answers next: status, error type header (or null), body, and how long it holds the answer. */
    record Answer(int status, String errorType, String body, long holdMillis) {
    }

    private final AtomicReference<Answer> next = new AtomicReference<>();
    private HttpServer server;
    private LambdaClient lambda;
    private LambdaDurableExecutionClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            Answer a = next.get();
            try {
                Thread.sleep(a.holdMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (a.errorType() != null) {
                exchange.getResponseHeaders().add("X-Amzn-ErrorType", a.errorType());
            }
            exchange.sendResponseHeaders(a.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        lambda = DurableConfig.lambdaClient(Map.of("AWS_ENDPOINT_URL_LAMBDA",
                "http://127.0.0.1:" + server.getAddress().getPort(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "x"));
        client = new LambdaDurableExecutionClient(lambda);
    }

    @AfterEach
    void stop() {
        lambda.close();
        server.stop(0);
    }

    private static List<OperationUpdate> oneStep() {
        return List.of(OperationUpdate.builder().id("s1").type(OperationType.STEP).subType("Step")
                .action(OperationAction.SUCCEED).payload("42").build());
    }

    @Test
    void aCallReportsItsSdkStagesAndTheHttpStageHoldsTheServicesTime() {
        next.set(new Answer(200, null, "{\"CheckpointToken\":\"t1\",\"NewExecutionState\":{\"Operations\":[]}}", 30));
        long started = System.nanoTime();
        var response = client.checkpoint(ARN, "t0", oneStep());
        long wall = System.nanoTime() - started;
        assertThat(response.checkpointToken()).isEqualTo("t1");
        SdkCallTimings t = client.lastCallTimings();
        assertThat(t.marshallingNanos()).isPositive();
        assertThat(t.signingNanos()).isPositive();
        assertThat(t.unmarshallingNanos()).isPositive();
        assertThat(t.httpNanos()).as("the server held its answer 30 ms").isGreaterThanOrEqualTo(30_000_000L);
        assertThat(t.marshallingNanos() + t.signingNanos() + t.httpNanos() + t.unmarshallingNanos())
                .as("the stages are parts of the call").isLessThanOrEqualTo(wall);
    }

    @Test
    void failuresAreClassifiedForLambdaToRetryOrForTheExecutionToFail() {
        next.set(new Answer(400, "InvalidParameterValueException",
                "{\"message\":\"Invalid Checkpoint Token: already used\"}", 0));
        assertThatThrownBy(() -> client.checkpoint(ARN, "t0", oneStep())).isInstanceOfSatisfying(
                CheckpointException.class, e -> assertThat(e.isRetryable()).as("stale token").isTrue());
        next.set(new Answer(400, "InvalidParameterValueException", "{\"message\":\"STEP output payload size\"}", 0));
        assertThatThrownBy(() -> client.checkpoint(ARN, "t0", oneStep())).isInstanceOfSatisfying(
                CheckpointException.class, e -> assertThat(e.isRetryable()).as("client error").isFalse());
        next.set(new Answer(503, "ServiceException", "{\"message\":\"down\"}", 0));
        assertThatThrownBy(() -> client.checkpoint(ARN, "t0", oneStep())).isInstanceOfSatisfying(
                CheckpointException.class, e -> assertThat(e.isRetryable()).as("server error").isTrue());
        assertThat(client.lastCallTimings().httpNanos()).as("a failed call is timed too").isPositive();
    }
}
