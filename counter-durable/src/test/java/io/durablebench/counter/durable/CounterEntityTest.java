package io.durablebench.counter.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void messagesAreAppliedInOrderAndARedeliveredMessageIsAnsweredWithItsFirstValue() {
        CounterEntityClient sender = sender();
        assertThat(sender.send("solo", CounterOperation.increment("a", 1)).value()).isEqualTo(1);
        CounterEntityClient.Delivery b = sender.deliver("solo", CounterOperation.increment("b", 2));
        assertThat(b.result().value()).isEqualTo(3);
        assertThat(b.message().seq()).isEqualTo(2);
        assertThat(sender.send("solo", CounterOperation.read("c")).value()).isEqualTo(3);
        assertThat(sender.send("solo", CounterOperation.decrement("d", 1)).value()).isEqualTo(2);
        CounterOperationResult again = sender.redeliver("solo", b).result();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.value()).isEqualTo(3);
        assertThat(sender.send("solo", CounterOperation.read("e")).value()).isEqualTo(2);
    }

    /**
     * A sender that restarts keeps its sender id and goes on from the mark the entity keeps for it; a
     * second client using the same id at the same time gets its colliding number refused (nothing
     * changes) and goes on after reading the mark again.
     */
    @Test
    void aSenderThatRestartsGoesOnFromItsMark() {
        CounterEntityClient before = new CounterEntityClient(client, "CounterEntityFunction:live", Duration.ofSeconds(60),
                "worker-1");
        assertThat(before.markOf("restart")).isEmpty();
        assertThat(before.send("restart", CounterOperation.increment("r1", 2)).value()).isEqualTo(2);
        assertThat(before.send("restart", CounterOperation.increment("r2", 3)).value()).isEqualTo(5);

        CounterEntityClient after = new CounterEntityClient(client, "CounterEntityFunction:live", Duration.ofSeconds(60),
                "worker-1");
        assertThat(after.markOf("restart")).contains(new SenderMark("worker-1", 2, "r2", List.of(2L, 5L)));
        CounterEntityClient.Delivery r3 = after.deliver("restart", CounterOperation.increment("r3", 1));
        assertThat(r3.message().seq()).isEqualTo(3);
        assertThat(r3.result().value()).isEqualTo(6);

        // the old client still believes its mark is 2: its next message goes out as number 3 again
        assertThatThrownBy(() -> before.send("restart", CounterOperation.increment("r4", 10)))
                .isInstanceOf(MessageRefusedException.class)
                .hasMessageContaining("message.id").hasMessageContaining("\"r3\"").hasMessageContaining("\"r4\"");
        assertThat(new CounterEntityClient(client, "CounterEntityFunction:live", Duration.ofSeconds(60))
                .send("restart", CounterOperation.read("check")).value()).as("the refused message changed nothing").isEqualTo(6);
        CounterEntityClient.Delivery r4 = before.deliver("restart", CounterOperation.increment("r4", 10));
        assertThat(r4.message().seq()).isEqualTo(4);
        assertThat(r4.result().value()).isEqualTo(16);

        // and the other way round: "after" still believes its mark is 3 while "before" moves it to 5
        assertThat(before.send("restart", CounterOperation.increment("r5", 100)).value()).isEqualTo(116);
        assertThatThrownBy(() -> after.send("restart", CounterOperation.increment("x", 1000)))
                .isInstanceOf(SenderIdInUseException.class).hasMessageContaining("number 4").hasMessageContaining("at 5");
        CounterEntityClient.Delivery x = after.deliver("restart", CounterOperation.increment("x", 1000));
        assertThat(x.message().seq()).isEqualTo(6);
        assertThat(x.result().value()).as("the message that collided was not applied").isEqualTo(1116);
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
        ConcurrentSenders<List<CounterEntityClient.Delivery>> running = ConcurrentSenders.start(senders, id -> {
        Random random = new Random(1_000 + id);
        CounterEntityClient sender = sender();
        List<CounterEntityClient.Delivery> sent = new ArrayList<>();
        List<CounterEntityClient.Delivery> seen = new ArrayList<>();
        for (int i = 0; i < perSender; i++) {
            if (!sent.isEmpty() && random.nextDouble() < 0.10) {
                CounterEntityClient.Delivery earlier = sent.get(random.nextInt(sent.size()));
                CounterEntityClient.Delivery again = sender.redeliver("shared", earlier);
                // a duplicate whatever its age; its first value while among the sender's latest kept
                assertThat(again.reply().duplicate()).as("re-delivered %s", earlier.message()).isTrue();
                long age = sent.get(sent.size() - 1).message().seq() - earlier.message().seq();
                assertThat(again.reply().value()).as("re-delivered %s, %d messages old", earlier.message(), age)
                        .isEqualTo(age < SenderMark.VALUES_KEPT ? earlier.reply().value() : null);
                seen.add(again);
            } else {
                String messageId = "s" + id + "-m" + i;
                long amount = 1 + random.nextInt(5);
                distinct.put(messageId, amount);
                CounterEntityClient.Delivery d = sender.deliver("shared", CounterOperation.increment(messageId, amount));
                sent.add(d);
                seen.add(d);
            }
        }
            return seen;
        });
        List<List<CounterEntityClient.Delivery>> perSenderResults = running.results();
        long expected = distinct.values().stream().mapToLong(Long::longValue).sum();
        CounterOperationResult last = sender().send("shared", CounterOperation.read("final-read"));
        assertThat(last.value()).isEqualTo(expected);
        for (List<CounterEntityClient.Delivery> results : perSenderResults) {
            // Each sender sends one message at a time, so the values its new messages produced only grow,
            // and it numbers them 1, 2, 3, ...
            long previous = Long.MIN_VALUE;
            long number = 0;
            for (CounterEntityClient.Delivery d : results) {
                if (d.reply().applied()) {
                    assertThat(d.reply().value()).isGreaterThan(previous);
                    previous = d.reply().value();
                    assertThat(d.message().seq()).isEqualTo(++number);
                }
            }
        }
        List<CounterEntityClient.Delivery> all = perSenderResults.stream().flatMap(List::stream).toList();
        assertThat(all.stream().filter(d -> d.reply().duplicate()).count()).isBetween(50L, 150L);
        assertThat(all.stream().filter(d -> d.reply().applied()).count()).isEqualTo(distinct.size());
        Set<Long> values = new java.util.HashSet<>();
        all.stream().filter(d -> d.reply().applied()).forEach(d -> values.add(d.reply().value()));
        assertThat(values).as("every applied message produced a distinct value: none applied twice")
                .hasSize(distinct.size());
    }
}
