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

    /**
     * Starts from the defaults (no client yet: {@link #build} makes one from the environment when
     * none was set); each setter replaces one option of the config built so far.
     */
    public static final class Builder {
        private DurableConfig config = new DurableConfig(null, new JacksonSerDes(), Duration.ZERO, 200, 750 * 1024);

        public Builder lambdaClient(LambdaClient lambda) {
            return durableExecutionClient(new LambdaDurableExecutionClient(lambda));
        }

        public Builder durableExecutionClient(DurableExecutionClient client) {
            config = new DurableConfig(client, config.serDes, config.checkpointDelay, config.maxUpdatesPerCheckpoint,
                    config.maxBytesPerCheckpoint);
            return this;
        }

        public Builder serDes(SerDes serDes) {
            config = new DurableConfig(config.client, serDes, config.checkpointDelay, config.maxUpdatesPerCheckpoint,
                    config.maxBytesPerCheckpoint);
            return this;
        }

        public Builder checkpointDelay(Duration delay) {
            config = new DurableConfig(config.client, config.serDes, delay, config.maxUpdatesPerCheckpoint,
                    config.maxBytesPerCheckpoint);
            return this;
        }

        public Builder maxUpdatesPerCheckpoint(int max) {
            config = new DurableConfig(config.client, config.serDes, config.checkpointDelay, max,
                    config.maxBytesPerCheckpoint);
            return this;
        }

        public Builder maxBytesPerCheckpoint(int max) {
            config = new DurableConfig(config.client, config.serDes, config.checkpointDelay,
                    config.maxUpdatesPerCheckpoint, max);
            return this;
        }

        public DurableConfig build() {
            if (config.client == null) {
                lambdaClient(DurableConfig.lambdaClient(System.getenv()));
            }
            return config;
        }
    }
}
