package io.durablebench.counter.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.locallambda.LocalLambda;
import io.durablebench.model.counter.CounterOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Exactly-once does not expire: a message delivered again after 5,000 newer messages, many
 * generations later, is still a duplicate. (Before sender marks the entity remembered the last
 * 2,000 message ids, and applied such a message a second time.)
 */
class CounterEntityExactlyOnceTest {
    static final int NEWER = 5_000;
    static final int MESSAGES_PER_GENERATION = 100;

    @Test
    void aMessageDeliveredAgainAfter5000NewerMessagesIsNotAppliedAgain() throws Exception {
        try (LocalLambda lambda = LocalLambdaSupport.start(Map.of("MESSAGES_PER_GENERATION",
                Integer.toString(MESSAGES_PER_GENERATION)));
             LambdaClient client = LocalLambdaSupport.client(lambda.endpoint())) {
            CounterEntityClient quiet = sender(client);
            CounterEntityClient.Delivery early = quiet.deliver("long", CounterOperation.increment("early", 7));
            assertThat(early.result().value()).isEqualTo(7);

            // 4 busy senders x 1,250 increments of 1; the first one's first message is kept for later
            int busy = 4;
            List<CounterEntityClient> busySenders = new ArrayList<>();
            for (int s = 0; s < busy; s++) {
                busySenders.add(sender(client));
            }
            ConcurrentSenders<List<CounterEntityClient.Delivery>> running = ConcurrentSenders.start(busy, id -> {
                CounterEntityClient sender = busySenders.get(id);
                List<CounterEntityClient.Delivery> firstAndLast = new ArrayList<>();
                CounterEntityClient.Delivery d = null;
                for (int i = 1; i <= NEWER / busy; i++) {
                    d = sender.deliver("long", CounterOperation.increment("b" + id + "-" + i, 1));
                    assertThat(d.reply().applied()).as(d.toString()).isTrue();
                    if (i == 1) {
                        firstAndLast.add(d);
                    }
                }
                firstAndLast.add(d);
                return firstAndLast;
            });
            List<List<CounterEntityClient.Delivery>> busyDeliveries = running.results();
            CounterEntityClient reader = sender(client);
            CounterEntityClient.Delivery before = reader.deliver("long", CounterOperation.read("before"));
            assertThat(before.result().value()).isEqualTo(7 + NEWER);
            int generations = before.generation();
            assertThat(generations).as("the newer messages span generations").isGreaterThanOrEqualTo(NEWER / MESSAGES_PER_GENERATION);

            // the quiet sender's only message, 5,000 messages later: a duplicate answered with its value
            CounterEntityClient.Delivery quietAgain = quiet.redeliver("long", early);
            assertThat(quietAgain.reply().duplicate()).isTrue();
            assertThat(quietAgain.reply().value()).isEqualTo(7L);
            // a busy sender's first message, 1,249 of its own messages later: a duplicate, its value no longer kept
            CounterEntityClient.Delivery busyAgain = busySenders.get(0).redeliver("long", busyDeliveries.get(0).get(0));
            assertThat(busyAgain.reply().duplicate()).isTrue();
            assertThat(busyAgain.reply().value()).isNull();
            // its latest, delivered again: a duplicate with its value
            CounterEntityClient.Delivery latest = busyDeliveries.get(0).get(1);
            CounterEntityClient.Delivery latestAgain = busySenders.get(0).redeliver("long", latest);
            assertThat(latestAgain.reply().duplicate()).isTrue();
            assertThat(latestAgain.reply().value()).isEqualTo(latest.reply().value());

            assertThat(reader.send("long", CounterOperation.read("after")).value()).as("nothing applied again")
                    .isEqualTo(7 + NEWER);
            assertThat(quiet.markOf("long")).contains(new SenderMark(quiet.sender(), 1, "early", List.of(7L)));
        }
    }

    static CounterEntityClient sender(LambdaClient client) {
        return new CounterEntityClient(client, "CounterEntityFunction:live", Duration.ofMinutes(2));
    }
}
