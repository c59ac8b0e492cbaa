package io.durablebench.durable.testing;

import io.durablebench.locallambda.LocalLambda;
import io.durablebench.locallambda.LocalLambdaConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * The local Lambda service in this JVM on an empty template (its callers register their functions
 * in code), with a stock SDK client of it; closing it stops both and deletes the template.
 *
 * @param template the empty template file the service was started with
 */
public record EmbeddedLambda(LocalLambda lambda, LambdaClient client, Path template) implements AutoCloseable {
    /**
     * @param skipTime      whether waits and retry delays end at once
     * @param socketTimeout how long the client waits for an answer (a synchronous invoke runs the whole function)
     */
    public static EmbeddedLambda start(boolean skipTime, Duration socketTimeout) {
        try {
            Path template = Files.createTempFile("embedded-lambda-", ".yaml");
            Files.writeString(template, "Resources: {}\n");
            LocalLambda lambda = LocalLambda.start(LocalLambdaConfig.builder(template).port(0).skipTime(skipTime).build());
            LambdaClient client = LambdaClient.builder().endpointOverride(lambda.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(socketTimeout)).build();
            return new EmbeddedLambda(lambda, client, template);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment variables that point a function's AWS SDK at the service. */
    public Map<String, String> environment() {
        return Map.of("AWS_ENDPOINT_URL_LAMBDA", lambda.endpoint().toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local");
    }

    /**
     * Starts an execution the way a caller starts one on Lambda: an asynchronous Invoke of the
     * function's {@code $LATEST} under a new durable execution name; returns its ARN.
     */
    public String startExecution(String function, String inputJson) {
        return client.invoke(r -> r.functionName(function + ":$LATEST").invocationType(InvocationType.EVENT)
                .durableExecutionName(UUID.randomUUID().toString())
                .payload(SdkBytes.fromUtf8String(inputJson == null ? "" : inputJson))).durableExecutionArn();
    }

    @Override
    public void close() {
        client.close();
        lambda.close();
        try {
            Files.deleteIfExists(template);
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
