package io.durablebench.durable.testing;

import io.durablebench.durable.DurableFuture;
import io.durablebench.durable.RuntimeMetricsSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Benchmark (not a test): what the durable runtime adds per step, measured end to end on the
 * project's local Lambda in this JVM (in-memory journal, time skipping), so the figure is the
 * runtime plus the protocol round trips, with no network or disk in the way.
 *
 * <ul>
 *   <li>sequential: an execution of N steps minus an execution of 0 steps, divided by N;</li>
 *   <li>concurrent: an execution that starts 100 {@code stepAsync} at once and waits for all, minus
 *       the 0-step execution (per batch of 100).</li>
 * </ul>
 * Arguments: {@code [repetitions=15] [sequentialSteps=50] [batch=100]}. Prints medians.
 *
 * <pre>
 * mvn -B -q -pl durable-testing -am install -DskipTests
 * java -cp "durable-testing/target/classes:$(cat durable-testing/target/cp.txt)" \
 *   io.durablebench.durable.testing.RuntimeOverheadBenchmark 15 50 100
 * </pre>
 */
public final class RuntimeOverheadBenchmark {
    private RuntimeOverheadBenchmark() {
    }

    public static void main(String[] args) {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        long[] calls = new long[3];
        try (var empty = LocalDurableTestRunner.create(Integer.class, (n, ctx) -> metrics(ctx.getInvocationMetrics()));
             var sequential = LocalDurableTestRunner.create(Sequential::new, true);
             var concurrent = LocalDurableTestRunner.create(Integer.class, (n, ctx) -> {
                 List<DurableFuture<Integer>> futures = IntStream.range(0, n)
                         .mapToObj(i -> ctx.stepAsync("a" + i, Integer.class, step -> i)).toList();
                 futures.forEach(DurableFuture::get);
                 return metrics(ctx.getInvocationMetrics());
             })) {
            // warm up the JIT and the service
            for (int i = 0; i < 30; i++) {
                empty.runUntilComplete("0");
                sequential.runUntilComplete(Integer.toString(steps));
                concurrent.runUntilComplete(Integer.toString(batch));
            }
            double[] e = new double[repetitions];
            double[] s = new double[repetitions];
            double[] c = new double[repetitions];
            String seqCalls = "";
            String conCalls = "";
            for (int r = 0; r < repetitions; r++) {
                e[r] = timed(() -> empty.runUntilComplete("0").result());
                String[] out = new String[1];
                s[r] = timed(() -> out[0] = sequential.runUntilComplete(Integer.toString(steps)).result());
                seqCalls = out[0];
                c[r] = timed(() -> out[0] = concurrent.runUntilComplete(Integer.toString(batch)).result());
                conCalls = out[0];
            }
            SERVICE_NANOS.set(0);
            SERVICE_CALLS.set(0);
            double[] timedSeq = new double[repetitions];
            for (int r = 0; r < repetitions; r++) {
                timedSeq[r] = timed(() -> sequential.runUntilComplete(Integer.toString(steps)));
            }
            double serviceMsPerStep = SERVICE_NANOS.get() / 1e6 / repetitions / steps;
            double base = median(e);
            System.out.printf(Locale.ROOT, "empty execution (start to end as seen by a client): median %.2f ms%n", base);
            System.out.printf(Locale.ROOT, "sequential: %d steps median %.2f ms -> %.3f ms per step (%s)%n", steps,
                    median(s), (median(s) - base) / steps, seqCalls);
            System.out.printf(Locale.ROOT, "  of which inside the service calls (checkpoint round trips to local-lambda): %.3f ms"
                    + " per step (%d calls per run); the runtime's own share: %.3f ms per step%n", serviceMsPerStep,
                    SERVICE_CALLS.get() / repetitions, (median(s) - base) / steps - serviceMsPerStep);
            System.out.printf(Locale.ROOT, "concurrent: %d stepAsync median %.2f ms -> %.2f ms per batch of %d, %.3f ms"
                    + " per step (%s)%n", batch, median(c), median(c) - base, batch, (median(c) - base) / batch, conCalls);
        }
    }

    static final java.util.concurrent.atomic.AtomicLong SERVICE_NANOS = new java.util.concurrent.atomic.AtomicLong();
    static final java.util.concurrent.atomic.AtomicLong SERVICE_CALLS = new java.util.concurrent.atomic.AtomicLong();

    /** N sequential steps, with the time spent inside checkpoint/state calls measured. */
    static final class Sequential extends io.durablebench.durable.DurableHandler<Integer, String> {
        Sequential(java.util.Map<String, String> env) {
            super(env);
        }

        @Override
        public String handleRequest(Integer n, io.durablebench.durable.DurableContext ctx) {
            for (int i = 0; i < n; i++) {
                int v = i;
                ctx.step("s" + i, Integer.class, () -> v);
            }
            return metrics(ctx.getInvocationMetrics());
        }

        @Override
        protected io.durablebench.durable.DurableConfig createConfiguration() {
            var real = io.durablebench.durable.DurableConfig.fromEnvironment(environment()).client();
            return io.durablebench.durable.DurableConfig.builder().durableExecutionClient(
                    new io.durablebench.durable.client.DurableExecutionClient() {
                        @Override
                        public software.amazon.awssdk.services.lambda.model.CheckpointDurableExecutionResponse checkpoint(
                                String arn, String token, java.util.List<software.amazon.awssdk.services.lambda.model.OperationUpdate> u) {
                            long t = System.nanoTime();
                            try {
                                return real.checkpoint(arn, token, u);
                            } finally {
                                SERVICE_NANOS.addAndGet(System.nanoTime() - t);
                                SERVICE_CALLS.incrementAndGet();
                            }
                        }

                        @Override
                        public software.amazon.awssdk.services.lambda.model.GetDurableExecutionStateResponse getExecutionState(
                                String arn, String token, String marker) {
                            return real.getExecutionState(arn, token, marker);
                        }
                    }).build();
        }
    }

    private static String metrics(RuntimeMetricsSnapshot m) {
        return "checkpointCalls=" + m.checkpointCalls() + " updates=" + m.operationUpdates();
    }

    private static double timed(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1e6;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
