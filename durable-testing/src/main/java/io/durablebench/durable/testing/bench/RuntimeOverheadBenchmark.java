package io.durablebench.durable.testing.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.durablebench.local.template.DurableSettings;
import io.durablebench.locallambda.LocalLambda;
import io.durablebench.locallambda.LocalLambdaConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import io.durablebench.durable.DurableHandler;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Benchmark (not a test): what the durable runtime adds to the checkpoint protocol, measured in one
 * run against the project's local Lambda in this JVM (in-memory journal), so that ratios compare
 * figures taken on the same machine at the same time:
 * <ul>
 *   <li>a bare checkpoint round trip: one CheckpointDurableExecution call carrying a step's START and
 *       SUCCEED, made by a plain function with the runtime's client and nothing else;</li>
 *   <li>a sequential step: {@code ctx.step} after {@code ctx.step}, timed in the handler, and where its
 *       time went (the runtime's {@link InvocationTimings});</li>
 *   <li>concurrent steps: {@code stepAsync} started at once and awaited, as steps per second.</li>
 * </ul>
 * The three run interleaved, one execution each per repetition (taking turns at going first), after
 * warm-up repetitions; the
 * report gives medians and quartiles over repetitions and is written as a markdown file.
 *
 * <p>Arguments: {@code [repetitions=30] [warmups=10] [sequentialSteps=50] [concurrentSteps=500]
 * [output=durable-testing/results/runtime-overhead.md]}. Run with
 * {@code mvn -B -q -pl durable-testing verify -DskipTests -Pbench} (after installing the modules it
 * needs), or with {@code -Dbench.args="..."}.
 */
public final class RuntimeOverheadBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RuntimeOverheadBenchmark() {
    }

    /** One repetition's figures. */
    record Repetition(OverheadFunctions.BareSample bare, OverheadFunctions.StepsSample sequential,
                      OverheadFunctions.StepsSample concurrent) {
    }

    public static void main(String[] args) throws IOException {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int concurrent = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        Path output = Path.of(args.length > 4 ? args[4] : "durable-testing/results/runtime-overhead.md");
        OverheadReport.Machine machine = OverheadReport.Machine.now();
        Path template = Files.createTempFile("runtime-overhead-", ".yaml");
        Files.writeString(template, "Resources: {}\n");
        List<Repetition> measured = new ArrayList<>();
        try (LocalLambda lambda = LocalLambda.start(LocalLambdaConfig.builder(template).port(0).skipTime(true).build());
             LambdaClient client = LambdaClient.builder().endpointOverride(lambda.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                     .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(5))).build()) {
            Map<String, String> env = Map.of("AWS_ENDPOINT_URL_LAMBDA", lambda.endpoint().toString(),
                    "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local");
            register(lambda, "bare", e -> new OverheadFunctions.BareCheckpoints(e), env);
            register(lambda, "sequential", e -> DurableHandler.withEnvironment(new OverheadFunctions.SequentialSteps(), e), env);
            register(lambda, "concurrent", e -> DurableHandler.withEnvironment(new OverheadFunctions.ConcurrentSteps(), e), env);
            for (int r = 0; r < warmups + repetitions; r++) {
                // the three take turns at going first, so that none always follows the same one
                Object[] samples = new Object[3];
                for (int k = 0; k < 3; k++) {
                    int which = (r + k) % 3;
                    samples[which] = switch (which) {
                        case 0 -> invoke(client, "bare", steps, OverheadFunctions.BareSample.class);
                        case 1 -> invoke(client, "sequential", steps, OverheadFunctions.StepsSample.class);
                        default -> invoke(client, "concurrent", concurrent, OverheadFunctions.StepsSample.class);
                    };
                }
                if (r >= warmups) {
                    measured.add(new Repetition((OverheadFunctions.BareSample) samples[0],
                            (OverheadFunctions.StepsSample) samples[1], (OverheadFunctions.StepsSample) samples[2]));
                }
            }
        } finally {
            Files.deleteIfExists(template);
        }
        Path shown = output.isAbsolute() ? Path.of("").toAbsolutePath().relativize(output) : output;
        String command = "mvn -B -q -pl durable-testing verify -DskipTests -Pbench -Dbench.args=\"" + repetitions + " "
                + warmups + " " + steps + " " + concurrent + " " + shown + "\"";
        String report = new OverheadReport(machine.finish(), command, repetitions, warmups, steps, concurrent, measured)
                .markdown();
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, report);
        System.out.println(report);
        System.out.println("written to " + output.toAbsolutePath());
    }

    private static void register(LocalLambda lambda, String name,
                                 Function<Map<String, String>, com.amazonaws.services.lambda.runtime.RequestStreamHandler> handlers,
                                 Map<String, String> env) {
        Map<String, String> withName = new java.util.HashMap<>(env);
        withName.put("AWS_LAMBDA_FUNCTION_NAME", name);
        lambda.register(name, () -> handlers.apply(Map.copyOf(withName)), new DurableSettings(3_600, 1), 900);
    }

    /** A synchronous durable invoke; the execution's result is the function's sample. */
    private static <T> T invoke(LambdaClient client, String function, int n, Class<T> type) throws IOException {
        InvokeResponse r = client.invoke(b -> b.functionName(function + ":$LATEST")
                .durableExecutionName(UUID.randomUUID().toString()).payload(SdkBytes.fromUtf8String(Integer.toString(n))));
        String payload = r.payload().asUtf8String();
        if (r.functionError() != null) {
            throw new IllegalStateException(function + " failed: " + payload);
        }
        return JSON.readValue(payload, type);
    }
}
