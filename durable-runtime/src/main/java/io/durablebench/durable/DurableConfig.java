package io.durablebench.durable;

import io.durablebench.durable.client.DurableExecutionClient;
import io.durablebench.durable.client.LambdaDurableExecutionClient;
import io.durablebench.durable.serde.JacksonSerDes;
import io.durablebench.durable.serde.SerDes;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;

/**
 * How a {@link DurableHandler} talks to the service and serializes values. The defaults build a
 * Lambda client from the function's environment: {@code AWS_REGION}, credentials, and the endpoint
 * from {@code AWS_ENDPOINT_URL_LAMBDA} (or {@code AWS_ENDPOINT_URL}) when set, so the same handler
 * runs against real Lambda, AWS's emulator or the project's local Lambda.
 *
 * @param client          the checkpoint/state client
 * @param serDes          default serializer of inputs, results and operation payloads
 * @param checkpointDelay how long to gather updates before a checkpoint call (zero: send at once)
 * @param maxUpdatesPerCheckpoint at most this many updates per checkpoint call
 * @param maxBytesPerCheckpoint   at most about this many payload bytes per checkpoint call
 */
public record DurableConfig(DurableExecutionClient client, SerDes serDes, Duration checkpointDelay,
                            int maxUpdatesPerCheckpoint, int maxBytesPerCheckpoint) {

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults for a function whose environment is {@code environment}. */
    public static DurableConfig fromEnvironment(Map<String, String> environment) {
        return builder().lambdaClient(lambdaClient(environment)).build();
    }

    public static LambdaClient lambdaClient(Map<String, String> env) {
        LambdaClientBuilder b = LambdaClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        String region = firstOf(env, "AWS_REGION", "AWS_DEFAULT_REGION");
        b.region(Region.of(region == null ? "us-east-1" : region));
        String endpoint = firstOf(env, "AWS_ENDPOINT_URL_LAMBDA", "AWS_ENDPOINT_URL");
        if (endpoint != null) {
            b.endpointOverride(URI.create(endpoint));
        }
        String key = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (key != null && secret != null) {
            String session = env.get("AWS_SESSION_TOKEN");
            b.credentialsProvider(StaticCredentialsProvider.create(session != null
                    ? AwsSessionCredentials.create(key, secret, session) : AwsBasicCredentials.create(key, secret)));
        } else {
            b.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return b.build();
    }

    private static String firstOf(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    public static final class Builder {
        private DurableExecutionClient client;
        private SerDes serDes = new JacksonSerDes();
        private Duration checkpointDelay = Duration.ZERO;
        private int maxUpdatesPerCheckpoint = 200;
        private int maxBytesPerCheckpoint = 750 * 1024;

        public Builder lambdaClient(LambdaClient lambda) {
            this.client = new LambdaDurableExecutionClient(lambda);
            return this;
        }

        public Builder durableExecutionClient(DurableExecutionClient client) {
            this.client = client;
            return this;
        }

        public Builder serDes(SerDes serDes) {
            this.serDes = serDes;
            return this;
        }

        public Builder checkpointDelay(Duration delay) {
            this.checkpointDelay = delay;
            return this;
        }

        public Builder maxUpdatesPerCheckpoint(int max) {
            this.maxUpdatesPerCheckpoint = max;
            return this;
        }

        public Builder maxBytesPerCheckpoint(int max) {
            this.maxBytesPerCheckpoint = max;
            return this;
        }

        public DurableConfig build() {
            if (client == null) {
                client = new LambdaDurableExecutionClient(DurableConfig.lambdaClient(System.getenv()));
            }
            return new DurableConfig(client, serDes, checkpointDelay, maxUpdatesPerCheckpoint, maxBytesPerCheckpoint);
        }
    }
}
