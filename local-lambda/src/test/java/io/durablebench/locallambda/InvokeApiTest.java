package io.durablebench.locallambda;

import static io.durablebench.locallambda.LocalLambdaTestSupport.client;
import static io.durablebench.locallambda.LocalLambdaTestSupport.config;
import static io.durablebench.locallambda.LocalLambdaTestSupport.invoke;
import static io.durablebench.locallambda.LocalLambdaTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Invoke of ordinary functions and the names an invoke accepts, through a stock LambdaClient. */
class InvokeApiTest extends SharedLambdaTest {

    @BeforeAll
    static void start() {
        start(config().build());
    }

    @Test
    void requestResponseRunsTheHandlerWithTemplateEnvironmentAndContext() {
        InvokeResponse r = invoke(client, "EchoFunction", "{\"hello\":\"world\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.functionError()).isNull();
        assertThat(r.executedVersion()).isEqualTo("$LATEST");
        JsonNode out = json(r.payload().asUtf8String());
        assertThat(out.get("input").get("hello").asText()).isEqualTo("world");
        assertThat(out.get("greeting").asText()).isEqualTo("hello");
        assertThat(out.get("extra").asText()).isEqualTo("from-embedder");
        assertThat(out.get("lambdaEndpoint").asText()).isEqualTo(lambda.endpoint().toString());
        assertThat(out.get("functionName").asText()).isEqualTo("EchoFunction");
        assertThat(out.get("invokedArn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:EchoFunction");
        assertThat(out.get("remainingMillis").asInt()).isBetween(1, 30_000);
    }

    @Test
    void handlerExceptionIsAnUnhandledFunctionError() {
        InvokeResponse r = invoke(client, "EchoFunction", "{\"fail\":\"bad input\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.functionError()).isEqualTo("Unhandled");
        JsonNode body = json(r.payload().asUtf8String());
        assertThat(body.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(body.get("errorMessage").asText()).isEqualTo("bad input");
        assertThat(body.get("stackTrace").size()).isPositive();
    }

    @Test
    void handlerOverItsTimeoutIsCutOff() {
        InvokeResponse r = invoke(client, "SlowFunction", "{\"sleepMillis\":5000}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(json(r.payload().asUtf8String()).get("errorMessage").asText())
                .isEqualTo("Task timed out after 1.00 seconds");
    }

    @Test
    void eventInvocationAnswers202AndDryRun204() {
        InvokeResponse event = client.invoke(b -> b.functionName("EchoFunction").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{}")));
        assertThat(event.statusCode()).isEqualTo(202);
        InvokeResponse dry = client.invoke(b -> b.functionName("EchoFunction").invocationType(InvocationType.DRY_RUN));
        assertThat(dry.statusCode()).isEqualTo(204);
    }

    @Test
    void concurrentInvocationsGetTheirOwnHandlerInstances() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return json(invoke(client, "EchoFunction", "{\"sleepMillis\":300}").payload().asUtf8String())
                            .get("instance").asText();
                }));
            }
            go.countDown();
            Set<String> instances = new HashSet<>();
            for (Future<String> f : results) {
                instances.add(f.get());
            }
            assertThat(instances).hasSize(4);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void acceptsTheFunctionNameFormsLambdaAccepts() {
        String arn = "arn:aws:lambda:us-east-1:000000000000:function:EchoFunction";
        assertThat(invoke(client, arn, "{}").executedVersion()).isEqualTo("$LATEST");
        assertThat(invoke(client, arn + ":$LATEST", "{}").executedVersion()).isEqualTo("$LATEST");
        assertThat(invoke(client, "000000000000:function:EchoFunction", "{}").statusCode()).isEqualTo(200);
        assertThat(invoke(client, "EchoFunction:$LATEST", "{}").statusCode()).isEqualTo(200);
        assertThat(client.invoke(b -> b.functionName("EchoFunction").qualifier("$LATEST")).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownFunctionsAndQualifiersAreResourceNotFound() {
        assertThatThrownBy(() -> invoke(client, "NoSuchFunction", "{}"))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("NoSuchFunction");
        assertThatThrownBy(() -> invoke(client, "EchoFunction:7", "{}"))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> invoke(client, "arn:aws:lambda:eu-west-1:000000000000:function:EchoFunction", "{}"))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void badRequestsAreRefusedWithLambdasErrorTypes() {
        assertThatThrownBy(() -> client.invoke(b -> b.functionName("EchoFunction:$LATEST").qualifier("live")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("derived qualifier");
        assertThatThrownBy(() -> invoke(client, "EchoFunction", "{not json"))
                .isInstanceOf(InvalidRequestContentException.class);
        assertThatThrownBy(() -> client.invoke(b -> b.functionName("EchoFunction").durableExecutionName("x")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("durable");
    }
}
