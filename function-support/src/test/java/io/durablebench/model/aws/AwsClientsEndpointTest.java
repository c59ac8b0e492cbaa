package io.durablebench.model.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * template.yaml declares AWS_ENDPOINT_URL_DYNAMODB and AWS_ENDPOINT_URL_S3 with an empty default
 * (deployed functions use the real services; `sam local` sets them). Where a request would go is
 * read from the request the SDK is about to send; nothing is sent.
 */
class AwsClientsEndpointTest {

    /** Records the URI of the first request and stops the call before anything is sent. */
    static final class Destination implements ExecutionInterceptor {
        volatile URI uri;

        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            uri = context.httpRequest().getUri();
            throw new StoppedBeforeSending();
        }
    }

    static final class StoppedBeforeSending extends RuntimeException {
    }

    static URI destination(Map<String, String> variables) {
        Destination destination = new Destination();
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(destination));
        Map<String, String> env = new java.util.HashMap<>(variables);
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        try (DynamoDbClient client = AwsClients.build(builder, "DYNAMODB", new FunctionEnvironment(env), null)) {
            client.listTables();
        } catch (StoppedBeforeSending expected) {
            // the request was built and stopped
        }
        return destination.uri;
    }

    @Test
    void anEmptyEndpointVariableMeansTheServicesOwnEndpoint() {
        assertThat(destination(Map.of("AWS_ENDPOINT_URL_DYNAMODB", "", "AWS_REGION", "eu-west-1")))
                .isEqualTo(URI.create("https://dynamodb.eu-west-1.amazonaws.com/"));
    }

    @Test
    void aSetEndpointVariableIsTheEndpoint() {
        assertThat(destination(Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://dynamodb:8000", "AWS_REGION", "eu-west-1")))
                .isEqualTo(URI.create("http://dynamodb:8000/"));
    }

    @Test
    void anAbsentEndpointVariableLeavesTheSdkDefault() {
        assertThat(destination(Map.of("AWS_REGION", "eu-west-1")))
                .isEqualTo(URI.create("https://dynamodb.eu-west-1.amazonaws.com/"));
    }

    /**
     * The case of a deployed function: the empty variable is in the process environment, where the
     * SDK also looks for it. Run in a separate JVM with exactly that environment.
     */
    @Test
    void anEmptyEndpointVariableInTheProcessEnvironmentWorks() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ProcessEnvironmentDestination.class.getName());
        pb.environment().put("AWS_ENDPOINT_URL_DYNAMODB", "");
        pb.environment().put("AWS_REGION", "eu-west-1");
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("destination https://dynamodb.eu-west-1.amazonaws.com/");
        assertThat(p.exitValue()).as(out).isZero();
    }

    /** Main of the separate JVM: prints where a function's DynamoDB client would send its first request. */
    public static final class ProcessEnvironmentDestination {
        public static void main(String[] args) throws IOException {
            Destination destination = new Destination();
            try (DynamoDbClient client = AwsClients.build(DynamoDbClient.builder()
                    .overrideConfiguration(c -> c.addExecutionInterceptor(destination)), "DYNAMODB",
                    FunctionEnvironment.fromProcess(), null)) {
                client.listTables();
            } catch (StoppedBeforeSending expected) {
                // the request was built and stopped
            }
            System.out.println("destination " + destination.uri);
        }
    }
}
