package io.durablebench.counter.durable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.locallambda.LocalLambda;
import io.durablebench.model.counter.CounterOperation;
import io.durablebench.model.counter.CounterOperationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The counter entity on the project's local Lambda, driven through Lambda's public APIs only. */
class CounterEntityTest {
    static LocalLambda lambda;
    static LambdaClient client;

    @BeforeAll
    static void start() {
        lambda = LocalLambdaSupport.start(Map.of("MESSAGES_PER_GENERATION", "40"));
        client = LocalLambdaSupport.client(lambda.endpoint());
    }

    @AfterAll
    static void stop() {
        client.close();
        lambda.close();
    }

    static CounterEntityClient sender() {
        return new CounterEntityClient(client, "CounterEntityFunction:live", Duration.ofSeconds(60));
    }

    @Test
    void messagesAreAppliedInOrderAndARepeatedIdIsAnsweredWithItsFirstValue() {
        CounterEntityClient sender = sender();
        assertThat(sender.send("solo", CounterOperation.increment("a", 1)).value()).isEqualTo(1);
        assertThat(sender.send("solo", CounterOperation.increment("b", 2)).value()).isEqualTo(3);
        assertThat(sender.send("solo", CounterOperation.read("c")).value()).isEqualTo(3);
        assertThat(sender.send("solo", CounterOperation.decrement("d", 1)).value()).isEqualTo(2);
        CounterOperationResult again = sender.send("solo", CounterOperation.increment("b", 2));
        assertThat(again.duplicate()).isTrue();
        assertThat(again.value()).isEqualTo(3);
        assertThat(sender.send("solo", CounterOperation.read("e")).value()).isEqualTo(2);
    }

    /**
     * What one message costs on the durable side, measured by the service: exactly one CALLBACK and
     * one STEP operation and one invocation (a replay) per message; the checkpoint calls are printed
     * for the README (they depend on how updates batch).
     */
    @Test
    void eachMessageCostsTwoOperationsAndOneInvocation() throws Exception {
        int messages = 20;
        CounterEntityClient sender = sender();
        int reads = 0;
        for (int i = 0; i < messages; i++) {
            reads += sender.deliver("costly", CounterOperation.increment("m" + i, 1)).historyReads();
        }
        String arn = client.listDurableExecutionsByFunction(r -> r.functionName("CounterEntityFunction")
                .durableExecutionName(EntityState.executionName("costly", 1))).durableExecutions().get(0).durableExecutionArn();
        JsonNode m = metrics(arn);
        long ops = m.get("OperationsStarted").asLong();
        long invocations = m.get("Invocations").asLong();
        long checkpoints = m.get("CheckpointCalls").asLong();
        // n messages: n inbox callbacks + n apply steps, plus the open inbox n+1 waiting now
        assertThat(ops).isEqualTo(2L * messages + 1);
        // the first invocation opens inbox 1; each message then wakes the entity once
        assertThat(invocations).isEqualTo(messages + 1);
        System.out.printf("entity cost per message (%d messages): %.2f operations, %.2f invocations, %.2f checkpoint"
                        + " calls, %.2f history reads by the sender%n", messages, (ops - 1) / (double) messages,
                (invocations - 1) / (double) messages, checkpoints / (double) messages, reads / (double) messages);
    }

    static JsonNode metrics(String arn) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(lambda.endpoint() + "/local/executions/"
                + java.net.URLEncoder.encode(arn, java.nio.charset.StandardCharsets.UTF_8) + "/metrics")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return io.durablebench.model.json.StrictJson.parse(r.body());
    }

    @Test
    void aGarbledMessageIsAnsweredAndTheEntityKeepsCounting() {
        CounterEntityClient sender = sender();
        assertThat(sender.send("robust", CounterOperation.increment("one", 5)).value()).isEqualTo(5);
        // a hostile sender completes the open slot with bytes that are not a message
        String arn = client.listDurableExecutionsByFunction(r -> r.functionName("CounterEntityFunction")
                .durableExecutionName(EntityState.executionName("robust", 1))).durableExecutions().get(0).durableExecutionArn();
        String callbackId = openCallback(arn);
        client.sendDurableExecutionCallbackSuccess(r -> r.callbackId(callbackId)
                .result(software.amazon.awssdk.core.SdkBytes.fromUtf8String("{not json")));
        assertThat(sender.send("robust", CounterOperation.increment("two", 1)).value()).isEqualTo(6);
    }

    static String openCallback(String arn) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            var events = client.getDurableExecutionHistory(r -> r.durableExecutionArn(arn).reverseOrder(true).maxItems(5)).events();
            for (var e : events) {
                if (e.eventType() == software.amazon.awssdk.services.lambda.model.EventType.CALLBACK_STARTED) {
                    return e.callbackStartedDetails().callbackId();
                }
                if (e.eventType() == software.amazon.awssdk.services.lambda.model.EventType.CALLBACK_SUCCEEDED) {
                    break;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        throw new IllegalStateException("no open inbox slot");
    }

    @Test
    void fourConcurrentSendersOf250MessagesWithTenPercentDuplicatesCountEveryDistinctMessageOnce() throws Exception {
        int senders = 4;
        int perSender = 250;
        Map<String, Long> distinct = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<List<CounterOperationResult>>> futures = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int id = s;
            futures.add(pool.submit(() -> {
                Random random = new Random(1_000 + id);
                CounterEntityClient sender = sender();
                List<String> sent = new ArrayList<>();
                List<CounterOperationResult> seen = new ArrayList<>();
                for (int i = 0; i < perSender; i++) {
                    CounterOperation op;
                    if (!sent.isEmpty() && random.nextDouble() < 0.10) {
                        String repeated = sent.get(random.nextInt(sent.size()));
                        op = CounterOperation.increment(repeated, distinct.get(repeated));
                    } else {
                        String messageId = "s" + id + "-m" + i;
                        long amount = 1 + random.nextInt(5);
                        distinct.put(messageId, amount);
                        sent.add(messageId);
                        op = CounterOperation.increment(messageId, amount);
                    }
                    seen.add(sender.send("shared", op));
                }
                return seen;
            }));
        }
        List<List<CounterOperationResult>> perSenderResults = new ArrayList<>();
        for (Future<List<CounterOperationResult>> f : futures) {
            perSenderResults.add(f.get());
        }
        pool.shutdown();
        long expected = distinct.values().stream().mapToLong(Long::longValue).sum();
        CounterOperationResult last = sender().send("shared", CounterOperation.read("final-read"));
        assertThat(last.value()).isEqualTo(expected);
        for (List<CounterOperationResult> results : perSenderResults) {
            // Each sender sends one message at a time, so the values its new messages produced only grow,
            // and a duplicate's answer is the value the first delivery produced.
            long previous = Long.MIN_VALUE;
            for (CounterOperationResult r : results) {
                if (!r.duplicate()) {
                    assertThat(r.value()).isGreaterThan(previous);
                    previous = r.value();
                }
            }
        }
        long duplicatesAnswered = perSenderResults.stream().flatMap(List::stream).filter(CounterOperationResult::duplicate).count();
        assertThat(duplicatesAnswered).isBetween(50L, 150L);
        Set<Long> values = new java.util.HashSet<>();
        perSenderResults.stream().flatMap(List::stream).filter(r -> !r.duplicate()).forEach(r -> values.add(r.value()));
        assertThat(values).as("every applied message produced a distinct value: none applied twice")
                .hasSize((int) perSenderResults.stream().flatMap(List::stream).filter(r -> !r.duplicate()).count());
    }
}
