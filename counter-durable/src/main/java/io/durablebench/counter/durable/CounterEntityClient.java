package io.durablebench.counter.durable;

import io.durablebench.model.counter.CounterOperation;
import io.durablebench.model.counter.CounterOperationResult;
import io.durablebench.model.json.JsonFields;
import io.durablebench.model.json.StrictJson;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Execution;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * One sender of messages to counter entities ({@link CounterEntityHandler}): delivers one operation
 * as a message and returns the entity's answer. Uses only Lambda's public APIs, so it works the same
 * against AWS and the project's local Lambda:
 * <ol>
 *   <li>find the counter's current generation (ListDurableExecutionsByFunction by execution name; the
 *       first sender starts generation 1 with an Invoke under its durable execution name);</li>
 *   <li>read the newest history events to find the open inbox slot (a CALLBACK_STARTED without a
 *       completion) and complete it with the message (SendDurableExecutionCallbackSuccess); a sender that
 *       loses the race to another one tries the next slot;</li>
 *   <li>read the history until the slot's {@code apply-<n>} step has succeeded; its result is the answer.</li>
 * </ol>
 *
 * <h2>Exactly once</h2>
 * The client is one sender, with a sender id (random, or given to the constructor). It numbers its
 * messages to a counter 1, 2, 3, ... and has one in flight per counter: concurrent calls for the same
 * counter take turns. Until a message is answered it is delivered again under the same number (the
 * service may be down, an answer may be lost), and the entity applies each number of a sender once,
 * however many messages later a copy arrives ({@link SenderMarks}). {@link #redeliver} sends an
 * earlier message again unchanged, as a network that duplicates would; it is answered as a duplicate.
 * A message id is a label here, not a key: {@link #send} always sends a new message.
 *
 * <p>A sender that restarts passes its previous sender id and goes on from its mark, which the client
 * reads from the entity before its first message to a counter ({@link #markOf}). If it had a message in
 * flight, {@link SenderMark#lastId()} tells whether that message was applied. One sender id must not be
 * used by two clients at a time: their numbers collide. The one whose message comes second under a
 * number gets it refused ({@link MessageRefusedException}, a number names one message) or answered as
 * a duplicate of an older number ({@link SenderIdInUseException}); either way it was not applied, and
 * the client reads its mark again before its next message.
 */
public final class CounterEntityClient {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final EntityFunction entity;
    private final String sender;
    private final boolean newSender;
    private final EntityHistory history;
    private final Map<String, Generation> current = new ConcurrentHashMap<>();
    private final Map<String, Position> positions = new ConcurrentHashMap<>();

    /**
     * One message delivered, with the sender's cost of it: the API calls it made.
     *
     * @param message the message as sent (its sender and number included)
     * @param reply   the entity's answer
     */
    public record Delivery(EntityMessage message, EntityReply reply, int historyReads, int sendAttempts, int generation) {
        /**
         * The answer as an operation result. Fails for a duplicate whose value the entity no longer keeps
         * (older than its sender's latest {@value SenderMark#VALUES_KEPT}), which only {@link #redeliver} meets.
         */
        public CounterOperationResult result() {
            if (reply.value() == null) {
                throw new IllegalStateException("message " + message.seq() + " (\"" + message.id() + "\") of sender \""
                        + message.sender() + "\" was applied before; the entity keeps the values of a sender's latest "
                        + SenderMark.VALUES_KEPT + " messages only");
            }
            return new CounterOperationResult(message.id(), message.op(), message.amount(), reply.value(), reply.duplicate());
        }
    }

    private record Generation(int number, String arn) {
    }

    /** The entity function (qualified name) and how long a call waits for its answer. */
    private record EntityFunction(LambdaClient lambda, String functionName, Duration timeout) {
    }

    /** This sender's mark at one counter as far as this client knows it; one message in flight: lock it. */
    private static final class Position {
        private boolean known;
        private long mark;

        Position(boolean known) {
            this.known = known;
        }
    }

    /**
     * A new sender, with a random sender id.
     *
     * @param functionName the entity function, qualified (alias, version or {@code :$LATEST}); its bare
     *                     name (for listing executions) is derived from it
     */
    public CounterEntityClient(LambdaClient lambda, String functionName, Duration timeout) {
        this(lambda, functionName, timeout, newSenderId(), true);
    }

    /**
     * The sender {@code sender} (1-64 of [A-Za-z0-9_-]), going on from its mark at each counter: a
     * sender that restarts keeps its id.
     */
    public CounterEntityClient(LambdaClient lambda, String functionName, Duration timeout, String sender) {
        this(lambda, functionName, timeout, sender, false);
        if (sender == null || !JsonFields.ID_PATTERN.matcher(sender).matches()) {
            throw new IllegalArgumentException("a sender id is 1-64 characters of letters, digits, '-' or '_', got "
                    + (sender == null ? "null" : "\"" + sender + "\""));
        }
    }

    private CounterEntityClient(LambdaClient lambda, String functionName, Duration timeout, String sender,
                                boolean newSender) {
        this.entity = new EntityFunction(lambda, functionName, timeout);
        this.sender = sender;
        this.newSender = newSender;
        this.history = new EntityHistory(lambda);
    }

    /** 16 random bytes in URL-safe base64: 22 characters of [A-Za-z0-9_-]. */
    private static String newSenderId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public String sender() {
        return sender;
    }

    public CounterOperationResult send(String counterId, CounterOperation op) {
        return deliver(counterId, op).result();
    }

    /**
     * Delivers {@code op} as this sender's next message to the counter and waits for its answer.
     *
     * @throws MessageRefusedException when the entity refused it (nothing changed)
     * @throws SenderIdInUseException    when another client sent under this sender id (nothing changed)
     */
    public Delivery deliver(String counterId, CounterOperation op) {
        Instant deadline = Instant.now().plus(entity.timeout());
        Position p = positions.computeIfAbsent(counterId, k -> new Position(newSender));
        synchronized (p) {
            if (!p.known) {
                p.mark = markOf(counterId, deadline).map(SenderMark::seq).orElse(0L);
                p.known = true;
            }
            EntityMessage message = EntityMessage.of(sender, p.mark + 1, op);
            Delivery d;
            try {
                d = deliverUntilAnswered(counterId, message, deadline);
            } catch (RuntimeException unanswered) {
                p.known = false; // the message may still be applied later: read the mark before the next one
                throw unanswered;
            }
            if (d.reply().error() != null) {
                p.known = false; // a refused number may mean the mark moved without us: read it again
                throw new MessageRefusedException(counterId, message, d.reply().error());
            }
            if (d.reply().duplicate() && d.reply().mark() != message.seq()) {
                // A copy of our own message would have left the mark at its number: someone else's was there.
                p.known = false;
                throw new SenderIdInUseException(counterId, message, d.reply().mark());
            }
            p.mark = message.seq();
            return d;
        }
    }

    /**
     * Delivers an earlier message of this sender again, unchanged (same number and id), as a network
     * that duplicates messages would. The entity answers it as a duplicate and changes nothing.
     */
    public Delivery redeliver(String counterId, Delivery earlier) {
        if (!sender.equals(earlier.message().sender())) {
            throw new IllegalArgumentException("message of sender \"" + earlier.message().sender()
                    + "\", not of this client's \"" + sender + "\"");
        }
        Instant deadline = Instant.now().plus(entity.timeout());
        Position p = positions.computeIfAbsent(counterId, k -> new Position(newSender));
        synchronized (p) {
            Delivery d = deliverUntilAnswered(counterId, earlier.message(), deadline);
            if (d.reply().error() != null) {
                throw new MessageRefusedException(counterId, earlier.message(), d.reply().error());
            }
            return d;
        }
    }

    /**
     * This sender's mark at the counter as the entity keeps it (empty if none of its messages was
     * applied), read from the current generation: its input and the answers it recorded since.
     */
    public Optional<SenderMark> markOf(String counterId) {
        return markOf(counterId, Instant.now().plus(entity.timeout()));
    }

    private Optional<SenderMark> markOf(String counterId, Instant deadline) {
        Generation g = current.computeIfAbsent(counterId, this::findOrStartCurrent);
        while (true) {
            EntityHistory.MarkRead read = history.markOf(g.arn(), sender);
            if (!read.ended()) {
                return read.mark();
            }
            g = next(counterId, g, deadline); // a later generation may hold more: its input has all of this one
        }
    }

    private Delivery deliverUntilAnswered(String counterId, EntityMessage message, Instant deadline) {
        while (true) {
            try {
                return attempt(counterId, message, deadline);
            } catch (software.amazon.awssdk.core.exception.SdkClientException unreachable) {
                // The service is unreachable (restarting, network): try again. Re-delivering the same
                // number is safe; if it arrived before, the answer is the recorded one.
                checkDeadline(deadline, counterId);
                pause(50);
            } catch (LambdaException e) {
                if (e.statusCode() < 500 && e.statusCode() != 429) {
                    throw e;
                }
                checkDeadline(deadline, counterId);
                pause(50);
            }
        }
    }

    private Delivery attempt(String counterId, EntityMessage m, Instant deadline) {
        String message = StrictJson.write(m);
        int reads = 0;
        int sends = 0;
        Generation g = current.computeIfAbsent(counterId, this::findOrStartCurrent);
        while (true) {
            checkDeadline(deadline, counterId);
            reads++;
            EntityHistory.Slot slot = history.openSlot(g.arn());
            if (slot.ended()) {
                g = next(counterId, g, deadline);
                continue;
            }
            if (slot.callbackId() == null) {
                pause(2);
                continue;
            }
            sends++;
            try {
                entity.lambda().sendDurableExecutionCallbackSuccess(r -> r.callbackId(slot.callbackId())
                        .result(SdkBytes.fromUtf8String(message)));
            } catch (LambdaException lostRace) {
                if (lostRace.statusCode() >= 500) {
                    throw lostRace;
                }
                // Another sender completed this slot first (or it just closed): look again.
                continue;
            }
            while (true) {
                checkDeadline(deadline, counterId);
                reads++;
                Optional<EntityReply> reply = history.replyOf(g.arn(), slot.number());
                if (reply.isPresent()) {
                    EntityReply r = reply.get();
                    if (!m.sender().equals(r.sender()) || !Long.valueOf(m.seq()).equals(r.seq()) || !m.id().equals(r.messageId())) {
                        // Only after an answer was lost in transit: the slot went to another message. Deliver again.
                        break;
                    }
                    return new Delivery(m, r, reads, sends, g.number());
                }
                pause(2);
            }
        }
    }

    private Generation findOrStartCurrent(String counterId) {
        int g = 1;
        Optional<Execution> e = find(counterId, g);
        if (e.isEmpty()) {
            EntityState first = EntityState.first(counterId);
            var r = entity.lambda().invoke(b -> b.functionName(entity.functionName()).invocationType(InvocationType.EVENT)
                    .durableExecutionName(EntityState.executionName(counterId, 1))
                    .payload(SdkBytes.fromByteArray(StrictJson.writeBytes(first))));
            return new Generation(1, r.durableExecutionArn());
        }
        while (true) {
            Optional<Execution> later = find(counterId, g + 1);
            if (later.isEmpty()) {
                return new Generation(g, e.get().durableExecutionArn());
            }
            g++;
            e = later;
        }
    }

    private Generation next(String counterId, Generation ended, Instant deadline) {
        while (true) {
            Optional<Execution> e = find(counterId, ended.number() + 1);
            if (e.isPresent()) {
                Generation g = new Generation(ended.number() + 1, e.get().durableExecutionArn());
                current.put(counterId, g);
                return g;
            }
            checkDeadline(deadline, counterId);
            pause(5); // the ending generation starts the next one in its last step
        }
    }

    private Optional<Execution> find(String counterId, int generation) {
        String name = EntityState.executionName(counterId, generation);
        List<Execution> found = entity.lambda().listDurableExecutionsByFunction(r -> r
                .functionName(bareName(entity.functionName()))
                .durableExecutionName(name)).durableExecutions();
        return found.stream().filter(x -> name.equals(x.durableExecutionName())).findFirst();
    }

    /** "fn:alias" or an ARN with qualifier -> the function's bare name. */
    static String bareName(String function) {
        String f = function;
        if (f.startsWith("arn:")) {
            String[] parts = f.split(":");
            return parts[6];
        }
        int colon = f.indexOf(':');
        return colon < 0 ? f : f.substring(0, colon);
    }

    private void checkDeadline(Instant deadline, String counterId) {
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("no answer from counter entity " + counterId + " within " + entity.timeout());
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
