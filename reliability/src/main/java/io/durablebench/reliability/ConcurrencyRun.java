package io.durablebench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.counter.durable.CounterEntityClient;
import io.durablebench.model.counter.CounterOperation;
import io.durablebench.model.counter.CounterOperationResult;
import io.durablebench.model.counter.CounterRequest;
import io.durablebench.model.json.StrictJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Many clients incrementing one counter at once, with duplicate deliveries: each client delivers
 * {@code perClient} distinct increments of 1 and, after each, with probability {@code duplicateRate}
 * delivers again one of its own last {@link #REDELIVERY_WINDOW} messages (same operation id), as a
 * retried delivery would. The final value must be exactly {@code clients * perClient}, and every
 * re-delivery must be answered as a duplicate with the value its first delivery got.
 */
public final class ConcurrencyRun {
    /** A re-delivery repeats one of the client's last this-many messages (a retry is recent). */
    public static final int REDELIVERY_WINDOW = 10;

    /** What one run measured. */
    public record Result(String side, int clients, int perClient, long deliveries, long duplicatesSent,
                         long expected, long finalValue, long wrongDuplicateAnswers, double seconds,
                         double deliveriesPerSecond, double p50Millis, double p99Millis, double maxMillis) {
        public boolean exact() {
            return finalValue == expected && wrongDuplicateAnswers == 0;
        }

        public String tableRow() {
            return String.format(Locale.ROOT, "| %s | %d x %d | %d (%d duplicates) | %d | %d | %s | %.1f | %.1f | %.1f | %.1f |",
                    side, clients, perClient, deliveries, duplicatesSent, expected, finalValue,
                    wrongDuplicateAnswers == 0 ? "yes" : "no (" + wrongDuplicateAnswers + " wrong)", seconds,
                    deliveriesPerSecond, p50Millis, p99Millis);
        }

        public static String tableHeader() {
            return "| side | clients x increments | deliveries | expected | final value | duplicates answered as such "
                    + "| seconds | deliveries/s | p50 ms | p99 ms |\n|---|---|---|---|---|---|---|---|---|---|";
        }
    }

    /** Delivers one operation and returns the answer for it. */
    interface Sender {
        CounterOperationResult send(CounterOperation op);
    }

    private ConcurrencyRun() {
    }

    /** The baseline: each delivery is one synchronous invoke of CounterBaselineFunction with one operation. */
    public static Result baseline(CrashBed bed, String counterId, int clients, int perClient, double duplicateRate,
                                  long seed) {
        Sender sender = op -> {
            InvokeResponse r = bed.lambda().invoke(b -> b.functionName(CounterBaselineCrashSweep.FUNCTION)
                    .payload(SdkBytes.fromUtf8String(StrictJson.write(new CounterRequest(counterId, List.of(op))))));
            if (r.functionError() != null) {
                throw new IllegalStateException("function error: " + r.payload().asUtf8String());
            }
            JsonNode result = StrictJson.parse(r.payload().asUtf8String()).path("results").path(0);
            return new CounterOperationResult(op.id(), op.op(), op.amount(), result.path("value").asLong(),
                    result.path("duplicate").asBoolean());
        };
        return run("counter-baseline", client -> sender, clients, perClient, duplicateRate, seed, () -> sender
                .send(CounterOperation.read("final-read")).value());
    }

    /**
     * The durable counter entity: each client is one sender ({@link CounterEntityClient}, which numbers
     * its messages), each delivery one message.
     */
    public static Result entity(CrashBed bed, String counterId, int clients, int perClient, double duplicateRate,
                                long seed) {
        return run("durable counter entity", client -> entitySender(bed, counterId), clients, perClient, duplicateRate,
                seed, () -> entitySender(bed, counterId).send(CounterOperation.read("final-read")).value());
    }

    /** One entity sender. An id it sent before is delivered again unchanged (its number too), as a retry would be. */
    private static Sender entitySender(CrashBed bed, String counterId) {
        CounterEntityClient client = new CounterEntityClient(bed.lambda(), CounterEntityWorkflow.FUNCTION + ":live",
                Duration.ofMinutes(5));
        Map<String, CounterEntityClient.Delivery> sent = new HashMap<>();
        return op -> {
            CounterEntityClient.Delivery earlier = sent.get(op.id());
            if (earlier != null) {
                return client.redeliver(counterId, earlier).result();
            }
            CounterEntityClient.Delivery d = client.deliver(counterId, op);
            sent.put(op.id(), d);
            return d.result();
        };
    }

    private static Result run(String side, IntFunction<Sender> senders, int clients, int perClient, double duplicateRate,
                              long seed, java.util.function.LongSupplier finalRead) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong wrong = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        List<Future<long[]>> futures = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Sender sender = senders.apply(client);
            futures.add(pool.submit(() -> {
                Random random = new Random(seed + client);
                List<CounterOperation> sent = new ArrayList<>();
                Map<String, Long> firstAnswer = new HashMap<>();
                long[] latencies = new long[perClient * 2];
                int n = 0;
                for (int i = 1; i <= perClient; i++) {
                    CounterOperation op = CounterOperation.increment("c" + client + "-m" + i, 1);
                    long t0 = System.nanoTime();
                    CounterOperationResult r = sender.send(op);
                    latencies[n++] = System.nanoTime() - t0;
                    if (r.duplicate()) {
                        wrong.incrementAndGet(); // a first delivery must be applied
                    }
                    firstAnswer.put(op.id(), r.value());
                    sent.add(op);
                    if (random.nextDouble() < duplicateRate) {
                        CounterOperation again = sent.get(sent.size() - 1 - random.nextInt(Math.min(REDELIVERY_WINDOW, sent.size())));
                        long t1 = System.nanoTime();
                        CounterOperationResult d = sender.send(again);
                        latencies[n++] = System.nanoTime() - t1;
                        duplicates.incrementAndGet();
                        if (!d.duplicate() || d.value() != firstAnswer.get(again.id())) {
                            wrong.incrementAndGet();
                        }
                    }
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<Long> all = new ArrayList<>();
        try {
            for (Future<long[]> f : futures) {
                for (long l : f.get()) {
                    all.add(l);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(side + ": a client failed", e);
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long finalValue = finalRead.getAsLong();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(side, clients, perClient, sorted.length, duplicates.get(), (long) clients * perClient,
                finalValue, wrong.get(), seconds, sorted.length / seconds, percentile(sorted, 0.50),
                percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    /** Nearest-rank percentile, in milliseconds. */
    static double percentile(long[] sortedNanos, double p) {
        int rank = (int) Math.ceil(p * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }
}
