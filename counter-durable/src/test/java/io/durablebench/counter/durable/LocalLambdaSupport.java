package io.durablebench.counter.durable;

import io.durablebench.local.template.SamTemplate;
import io.durablebench.locallambda.LocalLambda;
import io.durablebench.locallambda.LocalLambdaConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Starting the project's local Lambda with the real template, and a stock SDK client for it. */
final class LocalLambdaSupport {
    private LocalLambdaSupport() {
    }

    static Path template() {
        return SamTemplate.locate(Path.of(""));
    }

    static LocalLambda start(Map<String, String> environment) {
        return LocalLambda.start(LocalLambdaConfig.builder(template()).port(0).environment(environment).build());
    }

    static LambdaClient client(URI endpoint) {
        return LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(2)))
                .build();
    }
}
