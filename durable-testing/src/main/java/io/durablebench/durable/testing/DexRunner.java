package io.durablebench.durable.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;

/**
 * AWS's durable execution emulator, {@code dex-local-runner} (PyPI
 * {@code aws-durable-execution-sdk-python-testing}, what SAM CLI runs), started as a child process on
 * a free loopback port and pointed at an {@link InvokeEndpoint} that runs our handlers. It is an
 * implementation of the service nobody here wrote: a handler that behaves on it speaks the protocol.
 *
 * <p>The emulator is installed by {@code scripts/python-tools.sh} into {@code .tools/dex-venv}.
 */
public final class DexRunner implements AutoCloseable {
    public static final String REGION = "us-east-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI endpoint;
    private final LambdaClient lambda;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Path log;

    private DexRunner(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
        this.lambda = LambdaClient.builder().endpointOverride(endpoint).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(5)))
                .build();
    }

    /**
     * @param lambdaEndpoint  where the emulator invokes functions
     * @param skipTime        skip timer waits (histories keep modeled times)
     * @param functionConfigs function name -> Lambda configuration JSON ({@code {"DurableConfig":{...}}} for
     *                        durable ones), for chained invokes; may be empty
     */
    public static DexRunner start(URI lambdaEndpoint, boolean skipTime, Map<String, Object> functionConfigs) {
        Path binary = locateBinary();
        int port = LoopbackPorts.free();
        try {
            Path log = Files.createTempFile("dex-local-runner-", ".log");
            log.toFile().deleteOnExit();
            List<String> cmd = new ArrayList<>(List.of(binary.toString(), "start-server", "--host", "127.0.0.1",
                    "--port", Integer.toString(port), "--lambda-endpoint", lambdaEndpoint.toString(),
                    "--local-runner-endpoint", "http://127.0.0.1:" + port, "--local-runner-region", REGION,
                    "--store-type", "memory", "--log-level", "WARNING",
                    "--execution-timeout", "600", "--invocation-timeout", "300",
                    skipTime ? "--skip-time" : "--no-skip-time"));
            if (functionConfigs != null && !functionConfigs.isEmpty()) {
                cmd.add("--function-configs");
                cmd.add(JSON.writeValueAsString(functionConfigs));
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("AWS_ACCESS_KEY_ID", "local");
            pb.environment().put("AWS_SECRET_ACCESS_KEY", "local");
            pb.environment().put("AWS_DEFAULT_REGION", REGION);
            Process p = pb.start();
            DexRunner runner = new DexRunner(p, URI.create("http://127.0.0.1:" + port), log);
            runner.awaitHealthy();
            return runner;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start dex-local-runner", e);
        }
    }

    /** {@code .tools/dex-venv/bin/dex-local-runner} of the repository this runs in. */
    static Path locateBinary() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".tools/dex-venv/bin/dex-local-runner");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("dex-local-runner is not installed: run `bash scripts/python-tools.sh` "
                + "(it creates .tools/dex-venv from tools/requirements-dex.txt)");
    }

    private void awaitHealthy() {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dex-local-runner exited at start: " + logTail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint.resolve("/health")).GET()
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        throw new IllegalStateException("dex-local-runner did not become healthy within 60 s: " + logTail());
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A stock AWS SDK Lambda client pointed at the emulator (history, callbacks, ...). */
    public LambdaClient lambda() {
        return lambda;
    }

    /**
     * The body of the emulator's {@code POST /start-durable-execution}: {@code $LATEST} of the
     * function under a new execution name, 600 s timeout, 1 day retention.
     */
    public static ObjectNode startRequest(String functionName, String inputJson) {
        ObjectNode body = JSON.createObjectNode().put("AccountId", "123456789012").put("FunctionName", functionName)
                .put("FunctionQualifier", "$LATEST").put("ExecutionName", UUID.randomUUID().toString())
                .put("ExecutionTimeoutSeconds", 600).put("ExecutionRetentionPeriodDays", 1);
        if (inputJson != null) {
            body.put("Input", inputJson);
        }
        return body;
    }

    /** Starts an execution of {@code functionName} with {@code inputJson}; returns its ARN. */
    public String startExecution(String functionName, String inputJson) {
        ObjectNode body = startRequest(functionName, inputJson);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint.resolve("/start-durable-execution"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("start-durable-execution answered " + r.statusCode() + ": " + r.body());
            }
            JsonNode out = JSON.readTree(r.body());
            return out.get("ExecutionArn").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the execution leaves RUNNING; returns it. */
    public GetDurableExecutionResponse awaitCompletion(String arn, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            GetDurableExecutionResponse e = lambda.getDurableExecution(r -> r.durableExecutionArn(arn));
            if (e.status() != ExecutionStatus.RUNNING) {
                return e;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("execution " + arn + " still RUNNING after " + timeout + "; emulator log: "
                        + logTail());
            }
            sleep(50);
        }
    }

    /** The execution's whole history, with payloads. */
    public List<Event> history(String arn) {
        List<Event> events = new ArrayList<>();
        lambda.getDurableExecutionHistoryPaginator(r -> r.durableExecutionArn(arn).includeExecutionData(true))
                .forEach(page -> events.addAll(page.events()));
        return events;
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        lambda.close();
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
