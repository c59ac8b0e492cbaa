package io.durablebench.locallambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.durablebench.locallambda.durable.DurableService;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionHistoryResponse;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** Starting the service with the test template, and a stock SDK client pointed at it. */
public final class LocalLambdaTestSupport {
    public static final ObjectMapper JSON = new ObjectMapper();

    private LocalLambdaTestSupport() {
    }

    public static Path testTemplate() {
        try {
            return Path.of(LocalLambdaTestSupport.class.getResource("/template.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test template of functions run in execution environments of their own. */
    public static Path processTemplate() {
        try {
            return Path.of(LocalLambdaTestSupport.class.getResource("/template-processes.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Python of the project's tools venv ({@code .tools/python-venv}, made by
     * {@code scripts/python-tools.sh}: awslambdaric and the durable SDK), found by walking up from
     * the working directory; fails saying where it looked.
     */
    public static Path toolsPython() {
        Path start = Path.of("").toAbsolutePath();
        for (Path d = start; d != null; d = d.getParent()) {
            Path python = d.resolve(".tools/python-venv/bin/python");
            if (java.nio.file.Files.isExecutable(python)) {
                return python;
            }
        }
        throw new IllegalStateException("no .tools/python-venv/bin/python above " + start
                + ": run bash scripts/python-tools.sh first");
    }

    /** Fast invocation retries for tests: 3 attempts, 200 ms apart. */
    public static DurableService.Options fastRetries() {
        return new DurableService.Options(3, 3, Duration.ofMillis(200), 1000, 5 * 1024 * 1024);
    }

    public static LocalLambdaConfig.Builder config() {
        return LocalLambdaConfig.builder(testTemplate()).durableOptions(fastRetries())
                .environment("EXTRA_SETTING", "from-embedder");
    }

    public static LambdaClient client(URI endpoint) {
        return LambdaClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofMinutes(2)))
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .build();
    }

    public static InvokeResponse invoke(LambdaClient client, String function, String payload) {
        return client.invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
    }

    public static String startAsync(LambdaClient client, String function, String payload, String name) {
        return client.invoke(b -> b.functionName(function).invocationType(InvocationType.EVENT)
                .durableExecutionName(name).payload(SdkBytes.fromUtf8String(payload))).durableExecutionArn();
    }

    public static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + s, e);
        }
    }

    public static List<Event> history(LambdaClient client, String arn, boolean includeData) {
        List<Event> all = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            GetDurableExecutionHistoryResponse r = client.getDurableExecutionHistory(b -> b.durableExecutionArn(arn)
                    .includeExecutionData(includeData).marker(m));
            all.addAll(r.events());
            marker = r.nextMarker();
        } while (marker != null);
        return all;
    }

    public static List<String> eventTypes(List<Event> events) {
        return events.stream().map(Event::eventTypeAsString).toList();
    }

    /** The CallbackId of the execution's first callback, once it has one (at most 20 s). */
    public static String callbackIdOf(LambdaClient client, String arn) throws InterruptedException {
        String[] id = new String[1];
        await("callback of " + arn, Duration.ofSeconds(20), () -> {
            for (Event e : history(client, arn, false)) {
                if (e.eventTypeAsString().equals("CallbackStarted")) {
                    id[0] = e.callbackStartedDetails().callbackId();
                    return true;
                }
            }
            return false;
        });
        return id[0];
    }

    public static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Waits up to 30 s for the execution to leave RUNNING and returns it as it ended. */
    public static GetDurableExecutionResponse awaitEnd(LambdaClient client, String arn) throws InterruptedException {
        await("execution " + arn + " to end", Duration.ofSeconds(30), () ->
                client.getDurableExecution(b -> b.durableExecutionArn(arn)).status() != ExecutionStatus.RUNNING);
        return client.getDurableExecution(b -> b.durableExecutionArn(arn));
    }

    /** Runs {@code call} on {@code n} threads at once and returns what each answered, in the order they were started. */
    public static List<String> concurrently(int n, java.util.concurrent.Callable<String> call) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            List<java.util.concurrent.Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(pool.submit(call));
            }
            List<String> outcomes = new ArrayList<>();
            for (java.util.concurrent.Future<String> f : calls) {
                outcomes.add(f.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
