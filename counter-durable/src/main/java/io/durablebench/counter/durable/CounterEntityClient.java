package io.durablebench.counter.durable;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.counter.CounterOperation;
import io.durablebench.model.counter.CounterOperationResult;
import io.durablebench.model.json.StrictJson;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.Execution;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * The sender side of the counter entity ({@link CounterEntityHandler}): delivers one operation as a
 * message and returns the entity's answer. Uses only Lambda's public APIs, so it works the same
 * against AWS and the project's local Lambda:
 * <ol>
 *   <li>find the counter's current generation (ListDurableExecutionsByFunction by execution name; the
 *       first sender starts generation 1 with an Invoke under its durable execution name);</li>
 *   <li>read the newest history events to find the open inbox slot (a CALLBACK_STARTED without a
 *       completion) and complete it with the message (SendDurableExecutionCallbackSuccess); a sender that
 *       loses the race to another one tries the next slot;</li>
 *   <li>read the history until the slot's {@code apply-<n>} step has succeeded; its result is the answer.</li>
 * </ol>
 * Re-sending a message id that the entity processed before is safe: the answer is the value recorded
 * the first time, flagged as a duplicate.
 */
public final class CounterEntityClient {
    private static final int PAGE = 40;
    private final LambdaClient lambda;
    private final String functionName;
    private final Duration timeout;
    private final Map<String, Generation> current = new ConcurrentHashMap<>();

    /** Per-message cost as seen by the sender: the API calls it made. */
    public record Delivery(CounterOperationResult result, int historyReads, int sendAttempts, int generation) {
    }

    private record Generation(int number, String arn) {
    }

    /**
     * @param functionName the entity function, qualified (alias, version or {@code :$LATEST}); its bare
     *                     name (for listing executions) is derived from it
     */
    public CounterEntityClient(LambdaClient lambda, String functionName, Duration timeout) {
        this.lambda = lambda;
        this.functionName = functionName;
        this.timeout = timeout;
    }

    public CounterOperationResult send(String counterId, CounterOperation op) {
        return deliver(counterId, op).result();
    }

    public Delivery deliver(String counterId, CounterOperation op) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                return attempt(counterId, op, deadline);
            } catch (software.amazon.awssdk.core.exception.SdkClientException unreachable) {
                // The service is unreachable (restarting, network): try again. Re-delivering the same
                // message id is safe; if it arrived before, the answer is the recorded one.
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

    private Delivery attempt(String counterId, CounterOperation op, Instant deadline) {
        String message = StrictJson.write(op);
        int reads = 0;
        int sends = 0;
        Generation g = current.computeIfAbsent(counterId, this::findOrStartCurrent);
        while (true) {
            checkDeadline(deadline, counterId);
            reads++;
            Slot slot = openSlot(g.arn());
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
                lambda.sendDurableExecutionCallbackSuccess(r -> r.callbackId(slot.callbackId())
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
                Optional<EntityReply> reply = replyOf(g.arn(), "apply-" + slot.number());
                if (reply.isPresent()) {
                    EntityReply r = reply.get();
                    if (!op.id().equals(r.messageId())) {
                        // Only after an answer was lost in transit: the slot went to another message. Deliver again.
                        break;
                    }
                    CounterOperationResult result = new CounterOperationResult(op.id(), op.op(), op.amount(), r.value(),
                            r.duplicate());
                    return new Delivery(result, reads, sends, g.number());
                }
                pause(2);
            }
        }
    }

    private record Slot(boolean ended, String callbackId, int number) {
    }

    /** The newest open inbox slot of an execution, or "ended" if the generation has finished. */
    private Slot openSlot(String arn) {
        Set<String> completed = new HashSet<>();
        for (Event e : lambda.getDurableExecutionHistory(r -> r.durableExecutionArn(arn).reverseOrder(true)
                .maxItems(PAGE)).events()) {
            EventType t = e.eventType();
            if (t == EventType.EXECUTION_SUCCEEDED || t == EventType.EXECUTION_FAILED
                    || t == EventType.EXECUTION_TIMED_OUT || t == EventType.EXECUTION_STOPPED) {
                return new Slot(true, null, 0);
            }
            if (t == EventType.CALLBACK_SUCCEEDED || t == EventType.CALLBACK_FAILED || t == EventType.CALLBACK_TIMED_OUT) {
                completed.add(e.id());
            }
            if (t == EventType.CALLBACK_STARTED && e.name() != null && e.name().startsWith("inbox-")) {
                if (completed.contains(e.id())) {
                    return new Slot(false, null, 0); // newest slot is taken; the entity is working on it
                }
                return new Slot(false, e.callbackStartedDetails().callbackId(),
                        Integer.parseInt(e.name().substring("inbox-".length())));
            }
        }
        return new Slot(false, null, 0);
    }

    private Optional<EntityReply> replyOf(String arn, String stepName) {
        for (var page : lambda.getDurableExecutionHistoryPaginator(r -> r.durableExecutionArn(arn).reverseOrder(true)
                .includeExecutionData(true).maxItems(PAGE))) {
            for (Event e : page.events()) {
                if (e.eventType() == EventType.STEP_SUCCEEDED && stepName.equals(e.name())) {
                    String payload = e.stepSucceededDetails().result().payload();
                    return Optional.of(StrictJson.mapper().convertValue(
                            StrictJson.parse(payload), EntityReply.class));
                }
                if (e.eventType() == EventType.CALLBACK_STARTED && e.name() != null && e.name().equals(
                        "inbox-" + stepName.substring("apply-".length()))) {
                    return Optional.empty(); // reached the slot itself: its step is not there yet
                }
            }
        }
        return Optional.empty();
    }

    private Generation findOrStartCurrent(String counterId) {
        int g = 1;
        Optional<Execution> e = find(counterId, g);
        if (e.isEmpty()) {
            EntityState first = EntityState.first(counterId);
            var r = lambda.invoke(b -> b.functionName(functionName).invocationType(InvocationType.EVENT)
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
        List<Execution> found = lambda.listDurableExecutionsByFunction(r -> r.functionName(bareName(functionName))
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
            throw new IllegalStateException("no answer from counter entity " + counterId + " within " + timeout);
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

    /** A message is one counter operation in the request's JSON shape. */
    static CounterOperation decodeMessage(JsonNode node) {
        return CounterOperation.fromJson(node, "message");
    }
}
