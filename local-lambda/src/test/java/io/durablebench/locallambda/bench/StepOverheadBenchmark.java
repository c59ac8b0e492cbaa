package io.durablebench.locallambda.bench;

import io.durablebench.locallambda.LocalApiClient;
import io.durablebench.locallambda.LocalLambda;
import io.durablebench.locallambda.LocalLambdaConfig;
import io.durablebench.locallambda.LocalLambdaTestSupport;
import io.durablebench.locallambda.store.FileJournal;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Per-step overhead of a durable execution on local-lambda, next to the cost of one durable write
 * of its store. Not a test: a main that measures and prints.
 *
 * <p>Workload: the {@code steps} script of the test handler {@code ScriptedHandler} (one checkpoint
 * per step: START+SUCCEED in one call, i.e. one journal write), invoked synchronously, one execution at a time, for several step
 * counts. The per-step overhead is the slope of the median execution latency over the step count
 * (least squares); the intercept is the fixed cost of an execution (start, first invocation, end).
 * The same runs with the in-memory journal split the overhead into fsync and the rest (HTTP, JSON,
 * validation). The journal write cost is measured by appending records of the service's own
 * average record size to a {@link FileJournal} in the same directory, one at a time.
 *
 * <p>Arguments: {@code [runs=30] [warmup=20] [steps=1,5,10,20,40] [dataDir=temp]}.
 */
public final class StepOverheadBenchmark {
    private StepOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int[] steps = args.length > 2 ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 5, 10, 20, 40};
        Path base = args.length > 3 ? Files.createDirectories(Path.of(args[3]))
                : Files.createTempDirectory("local-lambda-bench");
        System.out.printf(Locale.ROOT, "local-lambda step overhead benchmark: runs=%d warmup=%d steps=%s data=%s%n",
                runs, warmup, Arrays.toString(steps), base);
        System.out.printf(Locale.ROOT, "java %s, %d cpus%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        // A first pass only warms the JVM (JIT, class loading) so that neither measured pass pays for it.
        measure("warm-up", base.resolve("warmup"), Math.max(1, runs / 3), warmup, steps);
        Result durable = measure("file journal (fsync)", base.resolve("service"), runs, warmup, steps);
        Result memory = measure("memory journal (no fsync)", null, runs, warmup, steps);

        int recordBytes = (int) Math.max(1, durable.bytesPerWrite);
        double[] write = journalWrites(base.resolve("raw"), recordBytes, 1000, 100);

        System.out.println();
        System.out.println("| store | per-step overhead (ms) | fixed cost per execution (ms) | journal writes per step"
                + " | SDK round trip, GetDurableExecution (median ms) |");
        System.out.println("|---|---|---|---|---|");
        for (Result r : List.of(durable, memory)) {
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.2f | %.2f | %.3f |%n", r.label, r.slopeMs, r.interceptMs,
                    r.writesPerStep, r.roundTripMs);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "one durable journal write (%d B record, append + fdatasync, sequential): "
                + "median %.3f ms, mean %.3f ms, p99 %.3f ms%n", recordBytes, write[0], write[1], write[2]);
        System.out.printf(Locale.ROOT, "per-step overhead / durable write (median) = %.2f%n",
                durable.slopeMs / write[0]);
        System.out.println();
        System.out.println("median execution latency (ms) by steps:");
        for (Result r : List.of(durable, memory)) {
            StringBuilder sb = new StringBuilder("  " + r.label + ":");
            for (int i = 0; i < steps.length; i++) {
                sb.append(String.format(Locale.ROOT, " %d->%.2f", steps[i], r.medians[i]));
            }
            System.out.println(sb);
        }
    }

    private record Result(String label, double slopeMs, double interceptMs, double writesPerStep,
                          double bytesPerWrite, double[] medians, double roundTripMs) {
    }

    private static Result measure(String label, Path dataDir, int runs, int warmup, int[] steps) throws Exception {
        LocalLambdaConfig.Builder config = LocalLambdaConfig.builder(LocalLambdaTestSupport.testTemplate());
        if (dataDir != null) {
            config.dataDir(dataDir);
        }
        try (LocalLambda lambda = LocalLambda.start(config.build());
             LambdaClient client = LocalLambdaTestSupport.client(lambda.endpoint())) {
            for (int i = 0; i < warmup; i++) {
                run(client, 10);
            }
            double[] medians = new double[steps.length];
            double writesPerStep = 0;
            double bytesPerWrite = 0;
            for (int s = 0; s < steps.length; s++) {
                double[] ms = new double[runs];
                String arn = null;
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    arn = run(client, steps[s]);
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                medians[s] = percentile(ms, 50);
                JsonNode m = LocalApiClient.metrics(lambda.endpoint(), arn);
                if (s == steps.length - 1) {
                    // journal writes of an execution: creation, one per step, invocation end
                    writesPerStep = (m.get("JournalWrites").asDouble() - 2) / steps[s];
                    bytesPerWrite = m.get("JournalBytes").asDouble() / m.get("JournalWrites").asDouble();
                }
            }
            double[] fit = leastSquares(steps, medians);
            // A read-only call through the same stock SDK client: the HTTP + SDK share of a checkpoint.
            String arn = run(client, 1);
            double[] rt = new double[500];
            for (int i = 0; i < 600; i++) {
                long t0 = System.nanoTime();
                client.getDurableExecution(b -> b.durableExecutionArn(arn));
                if (i >= 100) {
                    rt[i - 100] = (System.nanoTime() - t0) / 1e6;
                }
            }
            return new Result(label, fit[0], fit[1], writesPerStep, bytesPerWrite, medians, percentile(rt, 50));
        }
    }

    private static String run(LambdaClient client, int steps) {
        InvokeResponse r = LocalLambdaTestSupport.invoke(client, "StepsFunction:$LATEST", "{\"steps\":" + steps + "}");
        if (r.functionError() != null) {
            throw new IllegalStateException("execution failed: " + r.payload().asUtf8String());
        }
        return r.durableExecutionArn();
    }

    /** {median, mean, p99} in ms of sequential appends of {@code size}-byte records. */
    private static double[] journalWrites(Path dir, int size, int count, int warmup) {
        byte[] record = new byte[size];
        Arrays.fill(record, (byte) 'x');
        try (FileJournal j = FileJournal.open(dir)) {
            for (int i = 0; i < warmup; i++) {
                j.append(record);
            }
            double[] ms = new double[count];
            double sum = 0;
            for (int i = 0; i < count; i++) {
                long t0 = System.nanoTime();
                j.append(record);
                ms[i] = (System.nanoTime() - t0) / 1e6;
                sum += ms[i];
            }
            return new double[] {percentile(ms, 50), sum / count, percentile(ms, 99)};
        }
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** {slope, intercept} of y over x. */
    private static double[] leastSquares(int[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.length; i++) {
            num += (x[i] - mx) * (y[i] - my);
            den += (x[i] - mx) * (x[i] - mx);
        }
        double slope = num / den;
        return new double[] {slope, my - slope * mx};
    }

}
