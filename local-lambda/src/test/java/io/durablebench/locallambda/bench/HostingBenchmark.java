package io.durablebench.locallambda.bench;

import io.durablebench.locallambda.LocalLambda;
import io.durablebench.locallambda.LocalLambdaConfig;
import io.durablebench.locallambda.LocalLambdaTestSupport;
import io.durablebench.locallambda.runtime.EnvironmentStats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Cold start and warm invoke latency of one function per runtime (Java through AWS's runtime
 * interface client, Python through awslambdaric) in execution environments of their own, next to
 * the same Java function hosted in the service's JVM. Not a test: a main that measures, prints and
 * writes a markdown file (with its command, date and commit).
 *
 * <p>Cold: the idle timeout is short, the benchmark waits until the environment is reaped, then
 * invokes: the service's cold start (process start to the runtime's first {@code next}) and the
 * client's latency of that first invoke. In the JVM there is no process to start: "cold" is the first
 * invocation of a freshly started service (a new handler instance). Warm: sequential invokes of an
 * idle, initialised environment (instance). The function is {@code EnvHandler} / {@code env_handler.py}
 * (reads its environment, returns a small JSON document).
 *
 * <p>Arguments: {@code [colds=10] [warm=200] [out=hosting-benchmark.md]} (the pom's default: this module's folder).
 */
public final class HostingBenchmark {
    private HostingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int colds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path out = Path.of(args.length > 2 ? args[2] : "hosting-benchmark.md");
        String python = LocalLambdaTestSupport.toolsPython().toString();
        List<String[]> rows = new ArrayList<>();
        rows.add(ownProcesses("Java (aws-lambda-java-runtime-interface-client 2.10.1)", "EnvOneFunction", python,
                colds, warm));
        rows.add(ownProcesses("Python 3.11 (awslambdaric 4.2.2)", "PythonEnvFunction", python, colds, warm));
        rows.add(inProcess(colds, warm));
        String md = markdown(rows, colds, warm);
        System.out.println(md);
        Files.writeString(out, md, StandardCharsets.UTF_8);
        System.out.println("written to " + out.toAbsolutePath());
    }

    private static String[] ownProcesses(String label, String function, String python, int colds, int warm)
            throws Exception {
        try (LocalLambda lambda = LocalLambda.start(LocalLambdaConfig.builder(LocalLambdaTestSupport.processTemplate())
                .hosting(LocalLambdaConfig.Hosting.OWN_PROCESSES).python(python).functionClassPath(classPath())
                .environmentIdleTimeout(Duration.ofMillis(300)).build());
             LambdaClient client = LocalLambdaTestSupport.client(lambda.endpoint())) {
            double[] firstInvoke = new double[colds];
            for (int i = 0; i < colds; i++) {
                LocalLambdaTestSupport.await("no environment of " + function, Duration.ofSeconds(60),
                        () -> stats(lambda, function) == null || stats(lambda, function).environments() == 0);
                firstInvoke[i] = invokeMillis(client, function);
            }
            List<Long> cold = stats(lambda, function).coldStartMillis();
            double[] coldStarts = cold.stream().mapToDouble(Long::doubleValue).toArray();
            double[] warmMs = warmLatencies(client, function, warm, () -> stats(lambda, function).started());
            return row(label + ", own process", coldStarts, firstInvoke, warmMs);
        }
    }

    private static String[] inProcess(int colds, int warm) throws Exception {
        double[] firstInvoke = new double[colds];
        double[] warmMs = null;
        for (int i = 0; i < colds; i++) {
            try (LocalLambda lambda = LocalLambda.start(LocalLambdaConfig.builder(LocalLambdaTestSupport.processTemplate())
                    .build());
                 LambdaClient client = LocalLambdaTestSupport.client(lambda.endpoint())) {
                firstInvoke[i] = invokeMillis(client, "EnvOneFunction");
                if (i == colds - 1) {
                    warmMs = warmLatencies(client, "EnvOneFunction", warm, () -> 1);
                }
            }
        }
        return row("Java, in the service's JVM", null, firstInvoke, warmMs);
    }

    /**
     * The class path of this program's classes: under {@code exec:java} the JVM's own class path is
     * Maven's, and the project's is the context class loader's.
     */
    private static String classPath() {
        if (Thread.currentThread().getContextClassLoader() instanceof java.net.URLClassLoader u) {
            List<String> parts = new ArrayList<>();
            for (java.net.URL url : u.getURLs()) {
                try {
                    parts.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            return String.join(java.io.File.pathSeparator, parts);
        }
        return System.getProperty("java.class.path");
    }

    private static double[] warmLatencies(LambdaClient client, String function, int n,
                                          java.util.function.IntSupplier environmentsStarted) {
        for (int i = 0; i < Math.min(50, n); i++) {
            invokeMillis(client, function);
        }
        int before = environmentsStarted.getAsInt();
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            ms[i] = invokeMillis(client, function);
        }
        if (environmentsStarted.getAsInt() != before) {
            throw new IllegalStateException("an environment was started during the warm runs: they were not all warm");
        }
        return ms;
    }

    private static EnvironmentStats stats(LocalLambda lambda, String function) {
        return lambda.environments().stream().filter(s -> s.function().equals(function)).findFirst().orElse(null);
    }

    private static double invokeMillis(LambdaClient client, String function) {
        long t0 = System.nanoTime();
        InvokeResponse r = client.invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String("{}")));
        double ms = (System.nanoTime() - t0) / 1e6;
        if (r.functionError() != null) {
            throw new IllegalStateException(function + " failed: " + r.payload().asUtf8String());
        }
        return ms;
    }

    private static String[] row(String label, double[] coldStarts, double[] firstInvoke, double[] warm) {
        return new String[] {label,
                coldStarts == null ? "no process" : fmt(StepOverheadBenchmark.percentile(coldStarts, 50)),
                fmt(StepOverheadBenchmark.percentile(firstInvoke, 50)),
                fmt(StepOverheadBenchmark.percentile(warm, 50)), fmt(StepOverheadBenchmark.percentile(warm, 90)),
                fmt(StepOverheadBenchmark.percentile(warm, 99))};
    }

    private static String fmt(double ms) {
        return String.format(Locale.ROOT, "%.2f", ms);
    }

    private static String markdown(List<String[]> rows, int colds, int warm) throws Exception {
        StringBuilder md = new StringBuilder("# local-lambda: cold start and warm invoke latency by hosting\n\n");
        md.append("Generated by `mvn -B -q -pl local-lambda -am verify -DskipTests -Pbench-hosting "
                + "-Dbench.hosting.args=\"").append(colds).append(' ').append(warm)
                .append(" local-lambda/hosting-benchmark.md\"` on ").append(LocalDate.now()).append(" at commit ").append(commit())
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cpus, Java ")
                .append(System.getProperty("java.version")).append(", load average ").append(loadAverage())
                .append(" at the end").append(loadNote()).append(".\n\n");
        md.append("Medians over ").append(colds).append(" cold starts and ").append(warm)
                .append(" warm invokes (synchronous Invoke through a stock SDK client on loopback, after 50 more to warm "
                        + "up); milliseconds.\n\n");
        md.append("| function | cold start: process start to first `next` (median) | first invoke, client side (median) "
                + "| warm invoke p50 | warm p90 | warm p99 |\n|---|---|---|---|---|---|\n");
        for (String[] r : rows) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        md.append("\nIn the service's JVM there is no process start; its \"first invoke\" is the first invocation of a "
                + "freshly started service (a new handler instance, classes already loaded by earlier samples). "
                + "Python functions cannot run in the JVM.\n");
        return md.toString();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** Says that other work shared the machine only when the load average says so (above the core count). */
    private static String loadNote() {
        try {
            double load = Double.parseDouble(loadAverage());
            return load > Runtime.getRuntime().availableProcessors()
                    ? " (above the core count: other work shared the machine)" : " (not above the core count)";
        } catch (NumberFormatException unknown) {
            return "";
        }
    }

    private static String commit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String head = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            Process d = new ProcessBuilder("git", "status", "--porcelain", "--", ".").redirectErrorStream(true).start();
            boolean dirty = !new String(d.getInputStream().readAllBytes(), StandardCharsets.UTF_8).isBlank();
            return p.waitFor() == 0 ? head + (dirty ? " (with uncommitted changes)" : "") : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }
}
