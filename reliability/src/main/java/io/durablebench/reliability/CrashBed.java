package io.durablebench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.durablebench.durable.testing.LocalLambdaProcess;
import io.durablebench.local.LocalAws;
import io.durablebench.local.template.SamTemplate;
import io.durablebench.local.wire.WireCounter;
import io.durablebench.locallambda.durable.CrashSwitch;
import io.durablebench.model.aws.TestHooks;
import io.durablebench.video.testbed.LocalExecutions;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.Execution;

/**
 * What the crash runs need: DynamoDB Local and the local S3 in this JVM (so they survive), the
 * template's tables and bucket, DynamoDB behind a {@link WriteFaultProxy} and S3 behind a
 * {@link WireCounter} (PutObject calls per key), and the local Lambda hosting every function of the
 * template as a child process ({@link LocalLambdaProcess}) that a run kills and restarts on the
 * same journal.
 *
 * @param dir       the service's journal and logs, and the crash reports
 * @param service   the local Lambda's process
 * @param lambda    a client of the service, without SDK retries: a run decides itself when to re-deliver, as
 *                  Lambda's async retries would
 * @param http      for the service's own endpoints (an execution's metrics)
 * @param crashRuns crash runs so far, numbering their reports
 */
public record CrashBed(Path dir, Stores stores, LocalLambdaProcess service, LambdaClient lambda, HttpClient http,
                       AtomicInteger crashRuns) implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The stores the functions call, in this JVM so they survive the service's crashes: DynamoDB Local
     * behind a fault proxy, the local S3 behind a wire counter. Closed proxies first, then the stores.
     */
    public record Stores(LocalAws aws, WriteFaultProxy dynamoProxy, WireCounter s3Wire) implements AutoCloseable {
        @Override
        public void close() {
            try {
                if (dynamoProxy != null) {
                    dynamoProxy.close();
                }
                if (s3Wire != null) {
                    s3Wire.close();
                }
            } finally {
                aws.close();
            }
        }
    }

    private static CrashBed of(Path dir, Stores stores, LocalLambdaProcess service) {
        LambdaClient lambda = LambdaClient.builder().endpointOverride(service.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(5)))
                // no SDK retries: a run decides itself when to re-deliver, as Lambda's async retries would
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .build();
        return new CrashBed(dir, stores, service, lambda, HttpClient.newHttpClient(), new AtomicInteger());
    }

    /**
     * Starts everything; {@code environment} goes to every function (e.g. MESSAGES_PER_GENERATION).
     * The service journal and logs go under {@code dir}.
     */
    public static CrashBed start(Path dir, Map<String, String> environment) {
        return start(dir, environment, true);
    }

    /**
     * @param proxied false: the functions call DynamoDB Local directly, not through the fault proxy
     *                (measurements, where the proxy's hop would be counted as the function's latency)
     */
    public static CrashBed start(Path dir, Map<String, String> environment, boolean proxied) {
        // The JDK HTTP server (the fault proxy) leaves Nagle on: each answer would wait ~40 ms for the
        // caller's delayed ACK (see local-lambda/README.md). Read once, before the first server is made.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path template = SamTemplate.locate(Path.of(""));
        LocalAws aws = LocalAws.start(template);
        WriteFaultProxy dynamo = null;
        WireCounter s3 = null;
        try {
            dynamo = WriteFaultProxy.in(aws.dynamoDb().endpoint());
            s3 = WireCounter.in(aws.s3().endpoint());
            Map<String, String> env = new LinkedHashMap<>(aws.dynamoDb().environment());
            env.putAll(aws.s3().environment());
            if (proxied) {
                env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
            }
            env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
            env.put(TestHooks.VARIABLE, "on"); // a test bed: the video functions' test hooks are on
            env.putAll(environment);
            LocalLambdaProcess service = LocalLambdaProcess.start(template, dir.resolve("lambda-data"), env,
                    dir.resolve("lambda-logs"));
            return of(dir, new Stores(aws, dynamo, s3), service);
        } catch (RuntimeException e) {
            new Stores(aws, dynamo, s3).close();
            throw e;
        }
    }

    /** kill -9 of the service, then a start without any crash switch. */
    public void killAndRestart() {
        service.kill9();
        service.restart();
    }

    /**
     * Kills the running service and starts it with the crash switch armed for the executions named
     * {@code prefix*}: it halts before or after their {@code call}-th checkpoint call.
     */
    public Path armCrashSwitch(CrashSwitch.Point point, int call, String prefix) {
        service.kill9();
        Path report = dir.resolve("crash-report-" + crashRuns.incrementAndGet() + ".txt");
        service.restart(List.of("-D" + CrashSwitch.AT + "=" + point.name().toLowerCase(java.util.Locale.ROOT) + ":" + call,
                "-D" + CrashSwitch.PREFIX + "=" + prefix, "-D" + CrashSwitch.REPORT + "=" + report));
        return report;
    }

    /** Waits for the service to halt by itself (the crash switch); true if it did, with exit code 137. */
    public boolean awaitHalt(Duration timeout) {
        OptionalInt code = service.awaitExit(timeout);
        if (code.isPresent() && code.getAsInt() != 137) {
            throw new IllegalStateException("local Lambda exited with " + code.getAsInt() + ", not the crash switch's 137");
        }
        return code.isPresent();
    }

    /** Starts the service again after it halted or was killed (no crash switch). */
    public void restartAfterCrash() {
        if (service.alive()) {
            service.kill9();
        }
        service.restart();
    }

    /** The durable executions of {@code function} whose name starts with {@code prefix}. */
    public List<Execution> executions(String function, String prefix) {
        List<Execution> out = new ArrayList<>();
        for (var page : lambda.listDurableExecutionsByFunctionPaginator(b -> b.functionName(function))) {
            page.durableExecutions().stream().filter(e -> e.durableExecutionName().startsWith(prefix)).forEach(out::add);
        }
        return out;
    }

    /** The local service's counters of one execution ({@code GET /local/executions/{arn}/metrics}). */
    public JsonNode metrics(String arn) {
        return LocalExecutions.metrics(http, service.endpoint(), arn);
    }

    /** The whole history of an execution, with payloads. */
    public List<Event> history(String arn) {
        return LocalExecutions.history(lambda, arn);
    }

    /** The execution and every durable child it started with chained invokes, recursively. */
    public List<String> withChildren(String arn) {
        List<String> out = new ArrayList<>(List.of(arn));
        for (Event e : history(arn)) {
            if (e.chainedInvokeStartedDetails() != null && e.chainedInvokeStartedDetails().durableExecutionArn() != null) {
                String child = e.chainedInvokeStartedDetails().durableExecutionArn();
                if (!out.contains(child)) {
                    out.addAll(withChildren(child));
                }
            }
        }
        return out;
    }

    /**
     * Checkpoint calls the service received for the executions (accepted and refused): what the
     * crash switch counts, so crash points 1..this are every step boundary of the run.
     */
    public long checkpointCalls(List<String> arns) {
        long n = 0;
        for (String arn : arns) {
            JsonNode m = metrics(arn);
            n += m.path("CheckpointCalls").asLong() + m.path("RejectedCheckpointCalls").asLong();
        }
        return n;
    }

    public long rejectedCheckpointCalls(List<String> arns) {
        long n = 0;
        for (String arn : arns) {
            n += metrics(arn).path("RejectedCheckpointCalls").asLong();
        }
        return n;
    }

    /** Step names of the executions with how many times each was recorded as succeeded. */
    public Map<String, Integer> stepSuccesses(List<String> arns) {
        Map<String, Integer> out = new TreeMap<>();
        for (String arn : arns) {
            for (Event e : history(arn)) {
                if (e.eventType() == software.amazon.awssdk.services.lambda.model.EventType.STEP_SUCCEEDED) {
                    out.merge(arn.hashCode() + "/" + e.name(), 1, Integer::sum);
                }
            }
        }
        return out;
    }

    /** Waits until {@code condition} holds or the time is up. */
    public static boolean await(Duration limit, java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException notYet) {
                // the service is restarting: ask again
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    public String log() {
        try (var files = Files.list(dir.resolve("lambda-logs"))) {
            return files.map(Path::toString).sorted().reduce("", (a, b) -> a + b + "\n");
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            lambda.close();
            service.close();
        } finally {
            stores.close();
        }
    }
}
