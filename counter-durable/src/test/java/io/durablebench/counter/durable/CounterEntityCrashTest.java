package io.durablebench.counter.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.durable.testing.LocalLambdaProcess;
import io.durablebench.model.counter.CounterOperation;
import io.durablebench.model.counter.CounterOperationResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The local Lambda hosting the counter entity is killed with SIGKILL while senders keep sending,
 * and restarted on the same journal: no message is lost and none is applied twice.
 */
class CounterEntityCrashTest {
    @TempDir
    Path dir;

    @Test
    void killingTheServiceDuringEntityProcessingLosesNoMessageAndAppliesNoneTwice() throws Exception {
        int senders = 3;
        int perSender = 60;
        int kills = 5;
        try (LocalLambdaProcess service = LocalLambdaProcess.start(LocalLambdaSupport.template(), dir.resolve("data"),
                Map.of("MESSAGES_PER_GENERATION", "25"), dir.resolve("logs"));
             LambdaClient client = LocalLambdaSupport.client(service.endpoint())) {
            Map<String, Long> distinct = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(senders);
            List<Future<List<CounterOperationResult>>> futures = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int id = s;
                futures.add(pool.submit(() -> {
                    Random random = new Random(7 + id);
                    CounterEntityClient sender = new CounterEntityClient(client, "CounterEntityFunction:live",
                            Duration.ofMinutes(3));
                    List<String> sent = new ArrayList<>();
                    List<CounterOperationResult> seen = new ArrayList<>();
                    for (int i = 0; i < perSender; i++) {
                        CounterOperation op;
                        if (!sent.isEmpty() && random.nextDouble() < 0.10) {
                            String again = sent.get(random.nextInt(sent.size()));
                            op = CounterOperation.increment(again, distinct.get(again));
                        } else {
                            String messageId = "s" + id + "-m" + i;
                            distinct.put(messageId, 1L + random.nextInt(9));
                            sent.add(messageId);
                            op = CounterOperation.increment(messageId, distinct.get(messageId));
                        }
                        seen.add(sender.send("crashy", op));
                    }
                    return seen;
                }));
            }
            Random chaos = new Random(42);
            for (int k = 0; k < kills; k++) {
                Thread.sleep(700 + chaos.nextInt(1500));
                service.kill9();
                service.restart();
            }
            List<CounterOperationResult> all = new ArrayList<>();
            for (Future<List<CounterOperationResult>> f : futures) {
                all.addAll(f.get());
            }
            pool.shutdown();
            assertThat(service.lives()).isEqualTo(kills + 1);
            assertThat(all).as("every message was answered").hasSize(senders * perSender);
            long expected = distinct.values().stream().mapToLong(Long::longValue).sum();
            CounterOperationResult last = new CounterEntityClient(client, "CounterEntityFunction:live", Duration.ofMinutes(1))
                    .send("crashy", CounterOperation.read("final-read"));
            assertThat(last.value()).as("no message lost, none applied twice").isEqualTo(expected);
            Set<Long> applied = new HashSet<>();
            all.stream().filter(r -> !r.duplicate()).forEach(r -> assertThat(applied.add(r.value()))
                    .as("value " + r.value() + " produced twice").isTrue());
            // (a message whose first answer was lost in a crash is answered as a duplicate the second time,
            // so applied values can be fewer than distinct messages, never more)
            assertThat(applied.size()).isLessThanOrEqualTo(distinct.size());
        }
    }
}
