package io.durablebench.counter.durable;

import io.durablebench.model.json.StrictJson;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.EventType;

/** What one generation of a counter entity has recorded, read from its execution (Lambda's public APIs only). */
final class EntityHistory {
    private static final int PAGE = 40;
    private final LambdaClient lambda;

    EntityHistory(LambdaClient lambda) {
        this.lambda = lambda;
    }

    /** The open inbox slot: its callback id and number; no callback id while the entity works on a message. */
    record Slot(boolean ended, String callbackId, int number) {
    }

    /**
     * A sender's mark as a generation has it so far.
     *
     * @param ended true when the generation has ended (its successor holds the same and more)
     */
    record MarkRead(Optional<SenderMark> mark, boolean ended) {
    }

    /** The newest open inbox slot of an execution, or "ended" if the generation has finished. */
    Slot openSlot(String arn) {
        Set<String> completed = new HashSet<>();
        for (Event e : lambda.getDurableExecutionHistory(r -> r.durableExecutionArn(arn).reverseOrder(true)
                .maxItems(PAGE)).events()) {
            EventType t = e.eventType();
            if (ends(t)) {
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

    /** The answer the entity recorded for the message in inbox slot {@code slot}, once its step has run. */
    Optional<EntityReply> replyOf(String arn, int slot) {
        String step = "apply-" + slot;
        for (var page : lambda.getDurableExecutionHistoryPaginator(r -> r.durableExecutionArn(arn).reverseOrder(true)
                .includeExecutionData(true).maxItems(PAGE))) {
            for (Event e : page.events()) {
                if (e.eventType() == EventType.STEP_SUCCEEDED && step.equals(e.name())) {
                    return Optional.of(replyIn(e));
                }
                if (e.eventType() == EventType.CALLBACK_STARTED && ("inbox-" + slot).equals(e.name())) {
                    return Optional.empty(); // reached the slot itself: its step is not there yet
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The mark of {@code sender}: the one the generation started with (its input, read in full from
     * GetDurableExecution; history events may truncate payloads), moved by every message of the sender
     * the generation has applied since, in slot order.
     */
    MarkRead markOf(String arn, String sender) {
        EntityState start = EntityState.fromJson(StrictJson.parse(
                lambda.getDurableExecution(r -> r.durableExecutionArn(arn)).inputPayload()));
        SenderMark mark = start.senders().stream().filter(m -> m.sender().equals(sender)).findFirst().orElse(null);
        boolean ended = false;
        for (var page : lambda.getDurableExecutionHistoryPaginator(r -> r.durableExecutionArn(arn).includeExecutionData(true))) {
            for (Event e : page.events()) {
                ended |= ends(e.eventType());
                if (e.eventType() == EventType.STEP_SUCCEEDED && e.name() != null && e.name().startsWith("apply-")) {
                    EntityReply r = replyIn(e);
                    if (r.applied() && sender.equals(r.sender())) {
                        mark = SenderMark.after(mark, sender, r.seq(), r.messageId(), r.value());
                    }
                }
            }
        }
        return new MarkRead(Optional.ofNullable(mark), ended);
    }

    private static EntityReply replyIn(Event stepSucceeded) {
        return StrictJson.mapper().convertValue(StrictJson.parse(stepSucceeded.stepSucceededDetails().result().payload()),
                EntityReply.class);
    }

    private static boolean ends(EventType t) {
        return t == EventType.EXECUTION_SUCCEEDED || t == EventType.EXECUTION_FAILED
                || t == EventType.EXECUTION_TIMED_OUT || t == EventType.EXECUTION_STOPPED;
    }
}
