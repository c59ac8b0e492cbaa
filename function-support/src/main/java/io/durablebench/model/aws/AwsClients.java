package io.durablebench.model.aws;

import io.durablebench.model.metrics.StoreMeter;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;

/**
 * Builds AWS SDK clients the same way for every function: region, credentials and endpoint from
 * the function's environment, the lightweight URL-connection HTTP client (fast cold starts), the
 * store meter attached to every client so no call goes uncounted, and the stop of priming requests
 * ({@link PrimingRequests}). No service client is a
 * dependency of this module: each function module brings the ones it calls (the S3 client is built
 * in video-pipeline's {@code VideoObjects}), so a function's package holds no other.
 *
 * <p>Endpoints follow the AWS SDKs' standard variables: {@code AWS_ENDPOINT_URL_<SERVICE>} (for
 * example {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_S3}) then {@code AWS_ENDPOINT_URL}; an
 * empty value means the service's own endpoint (template.yaml declares the variables empty for AWS).
 */
public final class AwsClients {
    private AwsClients() {
    }

    /**
     * @param builder    a fresh client builder, e.g. {@code DynamoDbClient.builder()}
     * @param serviceId  the service id of the endpoint variable, e.g. {@code DYNAMODB}, {@code S3}, {@code LAMBDA}
     * @param env        where configuration comes from
     * @param meter      attached to the client, or null for clients that must not be counted
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, String serviceId, FunctionEnvironment env, StoreMeter meter) {
        Region region = region(env);
        builder.region(region);
        Optional<URI> endpoint = endpoint(env, serviceId);
        if (endpoint.isPresent()) {
            builder.endpointOverride(endpoint.get());
        } else if (env.variables().containsKey(endpointVariable(serviceId))) {
            // Declared but empty (template.yaml's default: the real service). The SDK reads the same
            // variable from the process environment by itself and fails on an empty value ("protocol
            // must not be null"), so the service's own regional endpoint is set explicitly.
            builder.endpointOverride(serviceEndpoint(serviceId, region));
        }
        Optional<String> key = env.get("AWS_ACCESS_KEY_ID");
        Optional<String> secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (key.isPresent() && secret.isPresent()) {
            Optional<String> session = env.get("AWS_SESSION_TOKEN");
            builder.credentialsProvider(StaticCredentialsProvider.create(session.isPresent()
                    ? AwsSessionCredentials.create(key.get(), secret.get(), session.get())
                    : AwsBasicCredentials.create(key.get(), secret.get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        // first: a priming request stops before the meter (or anything else) sees it go out
        ClientOverrideConfiguration.Builder interceptors = ClientOverrideConfiguration.builder()
                .addExecutionInterceptor(new PrimingRequests.StopBeforeSending());
        if (meter != null) {
            interceptors.addExecutionInterceptor(meter);
        }
        builder.overrideConfiguration(interceptors.build());
        return builder.build();
    }

    public static Region region(FunctionEnvironment env) {
        return Region.of(env.get("AWS_REGION").or(() -> env.get("AWS_DEFAULT_REGION")).orElse("us-east-1"));
    }

    /**
     * The endpoint override for a service: {@code AWS_ENDPOINT_URL_<SERVICE>}, else {@code AWS_ENDPOINT_URL};
     * an empty value is no override.
     */
    public static Optional<URI> endpoint(FunctionEnvironment env, String serviceId) {
        return env.get(endpointVariable(serviceId))
                .or(() -> env.get("AWS_ENDPOINT_URL"))
                .map(URI::create);
    }

    private static String endpointVariable(String serviceId) {
        return "AWS_ENDPOINT_URL_" + serviceId.toUpperCase(Locale.ROOT);
    }

    /** The service's standard endpoint in a region, e.g. {@code https://dynamodb.us-east-1.amazonaws.com}. */
    static URI serviceEndpoint(String serviceId, Region region) {
        ServiceMetadata metadata = ServiceMetadata.of(serviceId.toLowerCase(Locale.ROOT));
        if (metadata == null) {
            throw new IllegalArgumentException("no endpoint metadata for service " + serviceId);
        }
        return URI.create("https://" + metadata.endpointFor(region));
    }
}
