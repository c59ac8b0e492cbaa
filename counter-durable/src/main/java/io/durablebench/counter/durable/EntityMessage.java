package io.durablebench.counter.durable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.model.counter.CounterOperation;
import io.durablebench.model.counter.CounterOperationType;
import io.durablebench.model.json.JsonFields;
import java.util.Set;

/**
 * One message to a counter entity: a counter operation numbered by its sender. The entity applies a
 * sender's messages in number order, each once, keeping one {@link SenderMark} per sender.
 *
 * @param sender who sends (1-64 of [A-Za-z0-9_-]); {@link CounterEntityClient} picks one per client
 * @param seq    the sender's number for this message: 1, 2, 3, ... A sender has one message in flight
 *               and repeats its number only to retry it
 * @param id     the message's id (1-64 of [A-Za-z0-9_-]): echoed in the answer, and compared when a
 *               sender repeats its latest number, so a number reused for another message is refused
 * @param op     increment, decrement or read
 * @param amount 1..{@value CounterOperation#MAX_AMOUNT} for increment and decrement; absent for read
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntityMessage(String sender, long seq, String id, CounterOperationType op, Long amount) {
    private static final Set<String> FIELDS = Set.of("sender", "seq", "id", "op", "amount");

    public static EntityMessage of(String sender, long seq, CounterOperation op) {
        return new EntityMessage(sender, seq, op.id(), op.op(), op.amount());
    }

    /** The operation this message carries. */
    public CounterOperation operation() {
        return new CounterOperation(id, op, amount);
    }

    /**
     * Decodes a message strictly: unknown fields, wrong types, a sender that is not an id, a number
     * below 1 and every operation error {@link CounterOperation#fromJson} reports are refused, naming
     * the field under {@code message}.
     */
    public static EntityMessage fromJson(JsonNode node) {
        JsonFields f = JsonFields.object(node, "message", FIELDS);
        String sender = f.requiredId("sender");
        long seq = f.requiredLong("seq", 1, Long.MAX_VALUE);
        ObjectNode operation = ((ObjectNode) node).deepCopy();
        operation.remove("sender");
        operation.remove("seq");
        return of(sender, seq, CounterOperation.fromJson(operation, "message"));
    }
}
