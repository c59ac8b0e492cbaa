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
            ConcurrentSenders<List<CounterEntityClient.Delivery>> running = ConcurrentSenders.start(senders, id -> {
            Random random = new Random(7 + id);
            CounterEntityClient sender = new CounterEntityClient(client, "CounterEntityFunction:live",
                    Duration.ofMinutes(3));
            List<CounterEntityClient.Delivery> sent = new ArrayList<>();
            List<CounterEntityClient.Delivery> seen = new ArrayList<>();
            for (int i = 0; i < perSender; i++) {
                if (!sent.isEmpty() && random.nextDouble() < 0.10) {
                    CounterEntityClient.Delivery again = sender.redeliver("crashy", sent.get(random.nextInt(sent.size())));
                    assertThat(again.reply().duplicate()).as("re-delivered " + again.message()).isTrue();
                    seen.add(again);
                } else {
                    String messageId = "s" + id + "-m" + i;
                    distinct.put(messageId, 1L + random.nextInt(9));
                    CounterEntityClient.Delivery d = sender.deliver("crashy",
                            CounterOperation.increment(messageId, distinct.get(messageId)));
                    sent.add(d);
                    seen.add(d);
                }
            }
                return seen;
            });
            Random chaos = new Random(42);
            for (int k = 0; k < kills; k++) {
                Thread.sleep(700 + chaos.nextInt(1500));
                service.kill9();
                service.restart();
            }
            List<CounterEntityClient.Delivery> all = new ArrayList<>();
            running.results().forEach(all::addAll);
            assertThat(service.lives()).isEqualTo(kills + 1);
            assertThat(all).as("every message was answered").hasSize(senders * perSender);
            long expected = distinct.values().stream().mapToLong(Long::longValue).sum();
            CounterOperationResult last = new CounterEntityClient(client, "CounterEntityFunction:live", Duration.ofMinutes(1))
                    .send("crashy", CounterOperation.read("final-read"));
            assertThat(last.value()).as("no message lost, none applied twice").isEqualTo(expected);
            Set<Long> applied = new HashSet<>();
            all.stream().filter(d -> !d.reply().duplicate()).forEach(d -> assertThat(applied.add(d.reply().value()))
                    .as("value " + d.reply().value() + " produced twice").isTrue());
            // (a message whose first answer was lost in a crash is answered as a duplicate the second time,
            // so applied values can be fewer than distinct messages, never more)
            assertThat(applied.size()).isLessThanOrEqualTo(distinct.size());
        }
    }
}
