package io.durablebench.coldstart;

import io.durablebench.local.LocalAws;
import io.durablebench.local.template.FunctionDefinition;
import io.durablebench.local.template.SamTemplate;
import io.durablebench.locallambda.LocalLambda;
import io.durablebench.locallambda.LocalLambdaConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Cold starts of every template function, in fresh JVMs, for one or more builds of the repository
 * (variants: a folder holding {@code template.yaml} and its {@code sam build} output in
 * {@code .aws-sam/build}), interleaved in one run so that the machine's load falls on all alike.
 *
 * <p>The local services run in this JVM (DynamoDB Local, the local S3, the local Lambda with
 * {@link RelayHandler} in place of every handler); each measured invocation starts the function's
 * package in a fresh JVM under AWS's runtime interface client ({@link FreshRuntime}) and sends it
 * the function's sample event from the variant's own {@code events/} (the bucket renamed to the
 * local one), so each build gets the input its own code accepts. Each round
 * measures every function once per variant, functions in a shuffled order, variants in turns.
 *
 * <pre>
 * java ... ColdStartBenchmark --rounds 10 [--warmups 1] --variant before=/tmp/clone --variant now=.
 *     [--snapstart-variant now-snapstart=.]
 *     [--functions A,B] [--out results/cold-start.md] [--runtime-lib cold-start/target/runtime-lib]
 * </pre>
 * Ratios in the table are each later variant's over the first's.
 */
public final class ColdStartBenchmark {
    private static final Duration INVOKE_LIMIT = Duration.ofSeconds(120);

    /** @param snapStart started the way Lambda initializes a SnapStart version (see {@link FreshRuntime.Launch}) */
    record Variant(String name, Path root, SamTemplate template, boolean snapStart) {
        Path taskRoot(String function) {
            return root.resolve(".aws-sam").resolve("build").resolve(function);
        }
    }

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 10;
        int warmups = 1;
        List<String> only = List.of();
        List<Variant> variants = new ArrayList<>();
        Path repo = SamTemplate.locate(Path.of("")).toAbsolutePath().getParent();
        Path out = repo.resolve("results").resolve("cold-start.md");
        Path runtimeLib = repo.resolve("cold-start").resolve("target").resolve("runtime-lib");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]).toAbsolutePath();
                case "--runtime-lib" -> runtimeLib = Path.of(args[++i]).toAbsolutePath();
                case "--functions" -> only = List.of(args[++i].split(","));
                case "--variant", "--snapstart-variant" -> {
                    boolean snapStart = args[i].equals("--snapstart-variant");
                    String[] nv = args[++i].split("=", 2);
                    Path root = Path.of(nv[1]).toAbsolutePath().normalize();
                    variants.add(new Variant(nv[0], root, SamTemplate.load(root.resolve("template.yaml")), snapStart));
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --rounds N --warmups N --variant name=folder... --snapstart-variant name=folder... "
                        + "--functions A,B --out file --runtime-lib folder");
            }
        }
        if (variants.isEmpty()) {
            variants.add(new Variant("now", repo, SamTemplate.load(repo.resolve("template.yaml")), false));
        }
        if (!Files.isDirectory(runtimeLib)) {
            throw new IllegalStateException(runtimeLib + " is missing: build the cold-start module first");
        }
        String command = "ColdStartBenchmark " + String.join(" ", args);
        ColdStartReport report = run(repo, variants, only, runtimeLib, rounds, warmups, command);
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.markdown());
        System.out.println(report.markdown());
        System.out.println("written to " + out);
        System.exit(0); // DynamoDB Local and the local services keep non-daemon threads
    }

    static ColdStartReport run(Path repo, List<Variant> variants, List<String> only, Path runtimeLib, int rounds,
                               int warmups, String command) throws IOException, InterruptedException {
        SamTemplate template = SamTemplate.load(repo.resolve("template.yaml"));
        List<String> functions = new ArrayList<>(template.functions().keySet());
        if (!only.isEmpty()) {
            if (!functions.containsAll(only)) {
                throw new IllegalArgumentException("--functions " + only + ": the template has " + functions);
            }
            functions.retainAll(only);
        }
        for (Variant v : variants) {
            for (String f : functions) {
                if (!Files.isDirectory(v.taskRoot(f).resolve("lib"))) {
                    throw new IllegalStateException(v.name() + ": no sam build output for " + f + " in "
                            + v.taskRoot(f) + " (run sam build there)");
                }
            }
        }
        ColdStartReport report = ColdStartReport.begin(command, variants, functions, rounds, warmups);
        Path relayTemplate = relayTemplate(repo.resolve("template.yaml"));
        ColdStartSession session = ColdStartSession.begin();
        try (LocalAws aws = LocalAws.start(relayTemplate)) {
            Map<String, String> env = new LinkedHashMap<>(aws.dynamoDb().environment());
            env.putAll(aws.s3().environment());
            String bucket = aws.bucketName("VideoBucket");
            try (LocalLambda lambda = LocalLambda.start(LocalLambdaConfig.builder(relayTemplate).port(0).environment(env)
                    .build());
                 LambdaClient client = LambdaClient.builder().endpointOverride(lambda.endpoint()).region(Region.US_EAST_1)
                         .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                         .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(3)))
                         .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none())).build()) {
                Random shuffle = new Random(15);
                for (int round = 0; round < warmups + rounds; round++) {
                    List<String> order = new ArrayList<>(functions);
                    Collections.shuffle(order, shuffle);
                    List<Variant> turns = new ArrayList<>(variants);
                    if (round % 2 == 1) {
                        Collections.reverse(turns);
                    }
                    for (String function : order) {
                        for (Variant v : turns) {
                            ColdStartSession.Result r = measure(session, client, v, template.function(function),
                                    event(v.root(), function, bucket), runtimeLib, round);
                            if (round >= warmups) {
                                report.add(v.name(), function, r);
                            }
                            System.out.printf(Locale.ROOT, "round %d %-28s %-8s %s%n", round - warmups + 1, function,
                                    v.name(), r.failure() != null ? "FAILED " + r.failure().getMessage()
                                            : String.format(Locale.ROOT, "init %.0f ms, restore %.0f ms, first invoke %.0f ms",
                                            r.measurement().initMs(), r.measurement().restoreMs(),
                                            r.measurement().firstInvokeMs()));
                        }
                    }
                }
            }
        }
        return report.finish();
    }

    private static ColdStartSession.Result measure(ColdStartSession session, LambdaClient client, Variant v,
                                                   FunctionDefinition fn, byte[] event, Path runtimeLib, int round)
            throws InterruptedException {
        FunctionDefinition own = v.template().function(fn.logicalId());
        session.arm(new ColdStartSession.Armed(fn.logicalId(), v.name(), v.taskRoot(fn.logicalId()), own.handler(),
                jvmFlags(own), runtimeLib, v.snapStart(), INVOKE_LIMIT));
        InvokeResponse response = client.invoke(b -> {
            b.functionName(fn.logicalId()).invocationType(InvocationType.EVENT).payload(SdkBytes.fromByteArray(event));
            if (fn.isDurable()) {
                b.qualifier(fn.autoPublishAlias().orElse("$LATEST"))
                        .durableExecutionName("cold-" + round + "-" + v.name() + "-" + System.nanoTime());
            }
        });
        ColdStartSession.Result r = session.await(fn.logicalId(), INVOKE_LIMIT.plusSeconds(60));
        if (response.durableExecutionArn() != null) {
            try {
                client.stopDurableExecution(b -> b.durableExecutionArn(response.durableExecutionArn()));
            } catch (RuntimeException ignored) {
                // ended already (succeeded or failed in its first invocation)
            }
        }
        if (r == null) {
            throw new IllegalStateException(fn.logicalId() + " (" + v.name() + "): no measurement within the limit");
        }
        return r;
    }

    /**
     * The JVM flags of a fresh runtime: the function's {@code JAVA_TOOL_OPTIONS} arrive through its
     * environment; the heap is sized from its memory, serial GC as on a one- or two-vCPU sandbox.
     */
    static List<String> jvmFlags(FunctionDefinition fn) {
        return List.of("-XX:+UseSerialGC", "-Xmx" + (fn.memoryMb() * 85 / 100) + "m", "-Xshare:auto");
    }

    /** The function's sample event ({@code events/<name>.json}), its bucket renamed to the local one. */
    static byte[] event(Path repo, String logicalId, String bucket) {
        String name = logicalId.replaceAll("Function$", "").replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        try {
            String text = Files.readString(repo.resolve("events").resolve(name + ".json"));
            return text.replace("\"videobucket\"", "\"" + bucket + "\"").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("no sample event for " + logicalId, e);
        }
    }

    /** A copy of the template with every handler replaced by {@link RelayHandler}. */
    static Path relayTemplate(Path template) throws IOException {
        String text = Files.readString(template).replaceAll("(?m)^(\\s+Handler:\\s*)\\S+\\s*$",
                "$1" + RelayHandler.class.getName() + "::handleRequest");
        Path dir = Files.createTempDirectory("cold-start-template-");
        Path copy = dir.resolve("template.yaml");
        // deleted at exit in the reverse order of registration: the file first, then its (then empty) folder
        dir.toFile().deleteOnExit();
        copy.toFile().deleteOnExit();
        Files.writeString(copy, text);
        return copy;
    }
}
