package io.durablebench.video.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.durablebench.local.LocalAws;
import io.durablebench.local.LocalStores;
import io.durablebench.local.localstack.LocalStackAws;
import io.durablebench.local.template.SamTemplate;
import io.durablebench.local.wire.WireCounter;
import io.durablebench.locallambda.LocalLambda;
import io.durablebench.locallambda.LocalLambdaConfig;
import io.durablebench.locallambda.durable.DurableService;
import io.durablebench.locallambda.function.FunctionCode;
import io.durablebench.model.aws.TestHooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The template's functions on the local Lambda service, with DynamoDB Local and the local S3
 * holding the template's tables and bucket: what the video functions' tests and measurements run
 * on. Every S3 call of every function goes through a {@link WireCounter}, so a test can count the
 * PutObject calls per key across all invocations, independently of the functions' own meters;
 * DynamoDB calls go through another.
 *
 * <pre>{@code
 * try (VideoTestBed bed = VideoTestBed.start(Map.of())) {
 *     bed.upload("inputs/a.mp4", bytes);
 *     Invocation r = bed.invoke("VideoBaselineFunction", json);
 * }
 * }</pre>
 */
public final class VideoTestBed implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String BUCKET_ID = "VideoBucket";
    public static final String TABLE_ID = "VideoJobTable";

    private final LocalStores aws;
    private final StoreWires wires;
    private final Map<String, String> lambdaEnvironment;
    private final Path lambdaData;
    private volatile RunningLambda lambda;
    private final S3Client s3;
    private final HttpClient http = HttpClient.newHttpClient();

    private VideoTestBed(LocalStores aws, StoreWires wires, Map<String, String> lambdaEnvironment, Path lambdaData,
                         LocalLambda lambda) {
        this.aws = aws;
        this.wires = wires;
        this.lambdaEnvironment = Map.copyOf(lambdaEnvironment);
        this.lambdaData = lambdaData;
        this.lambda = connected(lambda);
        this.s3 = aws.s3Client();
    }

    private static RunningLambda connected(LocalLambda lambda) {
        return new RunningLambda(lambda, LambdaClient.builder()
                .endpointOverride(lambda.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(10)))
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .build());
    }

    private static LocalLambda startLambda(Path template, Map<String, String> env, boolean skipTime, Path dataDir,
                                           FunctionCode.Handlers... codes) {
        LocalLambdaConfig.Builder b = LocalLambdaConfig.builder(template).port(0).environment(env).skipTime(skipTime)
                .dataDir(dataDir)
                // a crashed invocation is retried after 200 ms instead of Lambda's back-off, 5 times
                .durableOptions(new DurableService.Options(5, 3, Duration.ofMillis(200), 1000, 5 * 1024 * 1024))
                // a failed asynchronous event is retried after 200 and 400 ms instead of Lambda's 1 and 2 minutes
                .asyncRetryDelays(Duration.ofMillis(200), Duration.ofMillis(400));
        for (FunctionCode.Handlers c : codes) {
            b.code(c);
        }
        return LocalLambda.start(b.build());
    }

    /**
     * The same with the local Lambda's executions and function versions kept in {@code lambdaData},
     * so that {@link #restartLambda} finds them again (the stores stay up meanwhile).
     */
    public static VideoTestBed start(Map<String, String> environment, boolean skipTime, Path lambdaData) {
        return start(environment, skipTime, true, "local", lambdaData);
    }

    /**
     * Stops the local Lambda (an orderly stop) and starts it again on the same data directory and the
     * same stores, with or without time skipping: executions resume where they were (a waiting retry
     * delay skipped at once with {@code skipTime}), each on the version it started on.
     *
     * @param codes handlers made in code that deployed versions run (given again at every start)
     */
    public void restartLambda(boolean skipTime, FunctionCode.Handlers... codes) {
        if (lambdaData == null) {
            throw new IllegalStateException("this bed keeps no Lambda data directory: start it with one to restart it");
        }
        lambda.close();
        lambda = connected(startLambda(aws.template().file(), lambdaEnvironment, skipTime, lambdaData, codes));
    }

    /**
     * Starts everything with the repository's template.yaml, test hooks on ({@code TEST_HOOKS=on}:
     * requests may carry {@code faults}).
     *
     * @param environment extra variables for every function (they override the template's)
     * @param skipTime    waits and step retry delays of durable functions end at once
     */
    public static VideoTestBed start(Map<String, String> environment, boolean skipTime) {
        return start(environment, skipTime, true, "local");
    }

    /**
     * @param testHooks false: the functions' own configuration from the template, as deployed (test
     *                  hooks off); the local endpoints and {@code environment} are still added
     */
    public static VideoTestBed start(Map<String, String> environment, boolean skipTime, boolean testHooks) {
        return start(environment, skipTime, testHooks, "local");
    }

    /**
     * @param stores {@code local}: DynamoDB Local and the local S3 in this JVM; {@code localstack}: LocalStack
     *               in a container (Testcontainers), from the image scripts/images.sh builds
     */
    public static VideoTestBed start(Map<String, String> environment, boolean skipTime, String stores) {
        return start(environment, skipTime, true, stores);
    }

    /**
     * @param testHooks false: the functions' own configuration from the template, as deployed (test hooks off)
     * @param stores    {@code local} or {@code localstack}, as above
     */
    public static VideoTestBed start(Map<String, String> environment, boolean skipTime, boolean testHooks,
                                     String stores) {
        return start(environment, skipTime, testHooks, stores, null);
    }

    private static VideoTestBed start(Map<String, String> environment, boolean skipTime, boolean testHooks,
                                      String stores, Path lambdaData) {
        Path template = SamTemplate.locate(Path.of(""));
        LocalStores aws = switch (stores) {
            case "local" -> LocalAws.start(template);
            case "localstack" -> LocalStackAws.start(template);
            default -> throw new IllegalArgumentException("stores must be local or localstack, got '" + stores + "'");
        };
        WireCounter s3Wire = null;
        WireCounter dynamoWire = null;
        try {
            s3Wire = WireCounter.in(aws.s3Endpoint());
            dynamoWire = WireCounter.in(aws.dynamoDbEndpoint());
            StoreWires wires = new StoreWires(s3Wire, dynamoWire);
            Map<String, String> env = new LinkedHashMap<>(aws.storeEnvironment());
            env.put("AWS_ENDPOINT_URL_S3", wires.s3().endpoint().toString());
            env.put("AWS_ENDPOINT_URL_DYNAMODB", wires.dynamoDb().endpoint().toString());
            if (testHooks) {
                env.put(TestHooks.VARIABLE, "on");
            }
            env.putAll(environment);
            LocalLambda lambda = startLambda(template, env, skipTime, lambdaData);
            return new VideoTestBed(aws, wires, env, lambdaData, lambda);
        } catch (RuntimeException e) {
            if (s3Wire != null) {
                s3Wire.close();
            }
            if (dynamoWire != null) {
                dynamoWire.close();
            }
            aws.close();
            throw e;
        }
    }

    /** Which stores: {@code local} or {@code localstack}. */
    public String stores() {
        return aws.kind();
    }

    public String bucket() {
        return aws.bucketName(BUCKET_ID);
    }

    public String table() {
        return aws.resources().tableName(TABLE_ID);
    }

    /** The local Lambda service now running (a restart replaces it) and a client of it. */
    public RunningLambda lambda() {
        return lambda;
    }

    /** The counters of every function's S3 and DynamoDB calls on the wire. */
    public StoreWires wires() {
        return wires;
    }

    /** Unmetered, direct (not through the wire counter): for setup and inspection. */
    public S3Client s3() {
        return s3;
    }

    /** Unmetered, direct, like {@link #s3()}. */
    public DynamoDbClient dynamoDb() {
        return aws.dynamoDbClient();
    }

    public void upload(String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(bucket()).key(key), RequestBody.fromBytes(bytes));
    }

    public byte[] download(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket()).key(key)).asByteArray();
    }

    /** Keys of the bucket under {@code prefix}, sorted. */
    public List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket()).prefix(prefix).continuationToken(t));
            page.contents().stream().map(S3Object::key).forEach(keys::add);
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null);
        keys.sort(String::compareTo);
        return keys;
    }

    /** Every item of the video table whose partition key is {@code pk}. */
    public List<Map<String, AttributeValue>> items(String pk) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> s = start;
            QueryResponse r = dynamoDb().query(b -> b.tableName(table()).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))).consistentRead(true)
                    .exclusiveStartKey(s));
            items.addAll(r.items());
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /** Every item of the video table. */
    public List<Map<String, AttributeValue>> allItems() {
        return dynamoDb().scan(b -> b.tableName(table()).consistentRead(true)).items();
    }

    /** {@code after - before}, per key, keys with no change left out: the calls made between two reads of a counter. */
    public static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d != 0) {
                out.put(k, d);
            }
        });
        return out;
    }

    /** PutObject calls seen on the wire per key of {@code bucket()} (all functions, all invocations). */
    public Map<String, Long> putsPerKey() {
        Map<String, Long> out = new TreeMap<>();
        String prefix = "PUT /" + bucket() + "/";
        wires.s3().requests().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(decode(k.substring(prefix.length())), v);
            }
        });
        return out;
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** One synchronous invocation's answer. */
    public record Invocation(String payload, String functionError, String executionArn, double clientMillis) {
        public JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + payload, e);
            }
        }

        public boolean failed() {
            return functionError != null;
        }
    }

    /** A synchronous (RequestResponse) invoke; {@code executionName} is for durable functions, may be null. */
    public Invocation invoke(String function, String payload, String executionName) {
        long started = System.nanoTime();
        InvokeResponse r = lambda.client().invoke(b -> {
            b.functionName(function).payload(SdkBytes.fromUtf8String(payload));
            if (executionName != null) {
                b.durableExecutionName(executionName);
            }
        });
        return new Invocation(r.payload() == null ? "" : r.payload().asUtf8String(), r.functionError(),
                r.durableExecutionArn(), (System.nanoTime() - started) / 1e6);
    }

    /** An asynchronous (Event) invoke; answers the execution ARN for durable functions. */
    public String invokeAsync(String function, String payload, String executionName) {
        InvokeResponse r = lambda.client().invoke(b -> {
            b.functionName(function).invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String(payload));
            if (executionName != null) {
                b.durableExecutionName(executionName);
            }
        });
        return r.durableExecutionArn();
    }

    /** The local service's record of an asynchronous event once it has ended (within 2 minutes). */
    public JsonNode asyncEventEnded(String requestId) {
        return LocalExecutions.asyncEventEnded(http, lambda.endpoint(), requestId, Duration.ofMinutes(2));
    }

    /** The local service's counters of one durable execution ({@code GET /local/executions/{arn}/metrics}). */
    public JsonNode executionMetrics(String executionArn) {
        return LocalExecutions.metrics(http, lambda.endpoint(), executionArn);
    }

    /** The whole history of a durable execution, with payloads. */
    public List<Event> history(String executionArn) {
        return LocalExecutions.history(lambda.client(), executionArn);
    }

    @Override
    public void close() {
        try {
            lambda.close();
        } finally {
            try {
                wires.close();
            } finally {
                aws.close();
            }
        }
    }
}
