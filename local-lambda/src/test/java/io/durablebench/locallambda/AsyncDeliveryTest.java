package io.durablebench.locallambda;

import static io.durablebench.locallambda.LocalLambdaTestSupport.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.local.s3.S3Local;
import io.durablebench.locallambda.testfn.FlakyHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Asynchronous (Event) invokes of ordinary functions as Lambda delivers them: a failed event is run
 * again under the same request id after Lambda's delays (1 and 2 minutes: skipped here, the service
 * clock jumps), as often as the template's EventInvokeConfig allows; an event older than its maximum
 * age is not run again; and the record of an event given up lands at the on-failure destination (an
 * S3 bucket of the test template, on the local S3) with its error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsyncDeliveryTest {
    static final String BUCKET = "failedeventsbucket";
    S3Local s3;
    LocalLambda lambda;
    LambdaClient client;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        s3 = S3Local.startInMemory();
        s3.createBucket(BUCKET);
        lambda = LocalLambda.start(LocalLambdaTestSupport.config().port(0).skipTime(true)
                .environment("AWS_ENDPOINT_URL_S3", s3.endpoint().toString()).build());
        client = LocalLambdaTestSupport.client(lambda.endpoint());
    }

    @AfterAll
    void stop() {
        client.close();
        lambda.close();
        s3.close();
    }

    private static String key() {
        return "k-" + UUID.randomUUID();
    }

    /** An event for {@link FlakyHandler}: its key (fresh for each event), the payload, and the request id of the 202. */
    private record FlakyEvent(String key, String payload, String id) {
    }

    /** Sends {@code function} (a FlakyHandler) an event that fails {@code failures} times (-1: always). */
    private static FlakyEvent sendFlaky(LambdaClient client, String function, int failures) {
        String key = key();
        String payload = "{\"key\":\"" + key + "\",\"failures\":" + failures + "}";
        return new FlakyEvent(key, payload, requestId(client, function, payload));
    }

    private static String requestId(LambdaClient client, String function, String payload) {
        InvokeResponse r = client.invoke(b -> b.functionName(function).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload)));
        assertThat(r.statusCode()).isEqualTo(202);
        return r.responseMetadata().requestId();
    }

    /** The service's record of one event, once it has ended (Succeeded or Failed). */
    static JsonNode ended(URI endpoint, HttpClient http, String requestId) throws Exception {
        JsonNode[] found = new JsonNode[1];
        LocalLambdaTestSupport.await("event " + requestId + " to end", Duration.ofSeconds(60), () -> {
            for (JsonNode e : events(endpoint, http).get("Events")) {
                String status = e.get("Status").asText();
                if (e.get("RequestId").asText().equals(requestId)
                        && (status.equals("Succeeded") || status.equals("Failed"))) {
                    found[0] = e;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    static JsonNode events(URI endpoint, HttpClient http) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint.resolve("/local/async-events")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFailedEventIsRunAgainAfterLambdasDelayUnderTheSameRequestIdAndThenSucceeds() throws Exception {
        Instant before = lambda.durable().clock().now();
        FlakyEvent sent = sendFlaky(client, "FlakyFunction", 1);
        JsonNode e = ended(lambda.endpoint(), http, sent.id());
        assertThat(e.get("Status").asText()).isEqualTo("Succeeded");
        assertThat(e.get("Attempts").asInt()).isEqualTo(2);
        assertThat(FlakyHandler.attempts(sent.key())).as("both attempts under the 202's request id")
                .containsExactly(sent.id(), sent.id());
        assertThat(Duration.between(before, lambda.durable().clock().now()))
                .as("Lambda's first retry comes a minute later (the service clock jumped over it)")
                .isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anEventThatFailsEveryAttemptReachesTheS3DestinationWithItsError() throws Exception {
        Instant before = lambda.durable().clock().now();
        FlakyEvent sent = sendFlaky(client, "FlakyFunction", -1);
        String key = sent.key();
        String id = sent.id();
        JsonNode e = ended(lambda.endpoint(), http, id);
        assertThat(e.get("Status").asText()).isEqualTo("Failed");
        assertThat(e.get("Condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(FlakyHandler.attempts(key)).as("1 attempt + MaximumRetryAttempts 2").containsExactly(id, id, id);
        assertThat(Duration.between(before, lambda.durable().clock().now()))
                .as("1 + 2 minutes of Lambda's retry delays").isGreaterThanOrEqualTo(Duration.ofMinutes(3));

        String delivered = e.get("DeliveredTo").asText();
        assertThat(delivered).startsWith("s3://" + BUCKET + "/aws/lambda/async/FlakyFunction/");
        String objectKey = delivered.substring(("s3://" + BUCKET + "/").length());
        List<String> keys = s3.client().listObjectsV2(b -> b.bucket(BUCKET).prefix("aws/lambda/async/FlakyFunction/"))
                .contents().stream().map(S3Object::key).toList();
        assertThat(keys).contains(objectKey);
        JsonNode record = JSON.readTree(s3.client().getObjectAsBytes(b -> b.bucket(BUCKET).key(objectKey)).asByteArray());
        assertThat(record.at("/requestContext/requestId").asText()).isEqualTo(id);
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(record.at("/requestContext/functionArn").asText()).endsWith(":function:FlakyFunction:$LATEST");
        assertThat(record.get("requestPayload")).isEqualTo(JSON.readTree(sent.payload()));
        assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(record.at("/responsePayload/errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(record.at("/responsePayload/errorMessage").asText()).isEqualTo("attempt 3 of " + key + " fails");
    }

    @Test
    void maximumRetryAttemptsZeroRunsAnEventOnce() throws Exception {
        FlakyEvent sent = sendFlaky(client, "NoRetryFunction", 1);
        JsonNode e = ended(lambda.endpoint(), http, sent.id());
        assertThat(e.get("Status").asText()).isEqualTo("Failed");
        assertThat(e.at("/Record/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(e.get("NotDeliveredBecause").asText()).contains("no OnFailure destination");
        assertThat(FlakyHandler.attempts(sent.key())).containsExactly(sent.id());
    }

    @Test
    void theEventInvokeConfigOfAnAliasedFunctionAppliesToItsAliasOnly() throws Exception {
        // through the alias: MaximumRetryAttempts 0, the one failure ends the event
        FlakyEvent viaAlias = sendFlaky(client, "AliasedNoRetryFunction:live", 1);
        JsonNode e = ended(lambda.endpoint(), http, viaAlias.id());
        assertThat(e.get("Status").asText()).isEqualTo("Failed");
        assertThat(FlakyHandler.attempts(viaAlias.key())).containsExactly(viaAlias.id());
        // unqualified ($LATEST): no config is attached there, so Lambda's default 2 retries apply
        FlakyEvent unqualified = sendFlaky(client, "AliasedNoRetryFunction", 1);
        e = ended(lambda.endpoint(), http, unqualified.id());
        assertThat(e.get("Status").asText()).isEqualTo("Succeeded");
        assertThat(FlakyHandler.attempts(unqualified.key())).containsExactly(unqualified.id(), unqualified.id());
    }

    @Test
    void anEventOlderThanItsMaximumAgeIsNotRunAgain() throws Exception {
        // MaximumEventAgeInSeconds 100: the first retry comes after 60 s (young enough, it runs), the
        // second after 180 s (too old: dropped, with the age as the reason)
        FlakyEvent sent = sendFlaky(client, "ShortLivedEventsFunction", -1);
        JsonNode e = ended(lambda.endpoint(), http, sent.id());
        assertThat(e.get("Condition").asText()).isEqualTo("EventAgeExceeded");
        assertThat(e.at("/Record/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(FlakyHandler.attempts(sent.key())).containsExactly(sent.id(), sent.id());
        assertThat(e.get("NotDeliveredBecause").asText()).contains("SQS").contains("not served locally");
    }

    @Test
    void aQueuedRetrySurvivesARestartAndKeepsItsRequestId(@TempDir Path data) throws Exception {
        String key = key();
        String id;
        // first run: real time and an hour before the retry, so it is still queued when the service stops
        try (LocalLambda first = LocalLambda.start(LocalLambdaTestSupport.config().port(0).dataDir(data)
                .asyncRetryDelays(Duration.ofHours(1), Duration.ofHours(1)).build());
             LambdaClient c = LocalLambdaTestSupport.client(first.endpoint())) {
            id = requestId(c, "FlakyFunction", "{\"key\":\"" + key + "\",\"failures\":1}");
            LocalLambdaTestSupport.await("the first attempt to fail", Duration.ofSeconds(30), () ->
                    events(first.endpoint(), http).get("Events").get(0).get("Status").asText().equals("RetryScheduled"));
        }
        assertThat(Files.list(data.resolve("async/queue")).toList()).hasSize(1);
        try (LocalLambda second = LocalLambda.start(LocalLambdaTestSupport.config().port(0).dataDir(data)
                .skipTime(true).build())) {
            JsonNode e = ended(second.endpoint(), http, id);
            assertThat(e.get("Status").asText()).isEqualTo("Succeeded");
        }
        assertThat(FlakyHandler.attempts(key)).containsExactly(id, id);
        assertThat(Files.list(data.resolve("async/queue")).toList()).as("a delivered event leaves the queue").isEmpty();
    }

    @Test
    void anEventInvokeConfigOutOfLambdasRangeIsRefusedAtStartNamingIt(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: io.durablebench.locallambda.testfn.FlakyHandler
                      Runtime: java17
                      EventInvokeConfig:
                        MaximumRetryAttempts: 5
                """);
        assertThatThrownBy(() -> LocalLambda.start(LocalLambdaConfig.builder(template).port(0).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("F: EventInvokeConfig.MaximumRetryAttempts must be a whole number from 0 to 2, got 5");
    }
}
