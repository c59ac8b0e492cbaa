package io.durablebench.model.counter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.JsonFields;
import java.util.Set;

/**
 * One operation on a counter, identified by a caller-chosen id that makes it exactly-once.
 *
 * @param id     1-64 characters of letters, digits, '-' or '_'; unique per counter
 * @param op     increment, decrement or read
 * @param amount 1..{@value #MAX_AMOUNT} for increment and decrement; absent (null) for read
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CounterOperation(String id, CounterOperationType op, Long amount) {
    public static final long MAX_AMOUNT = 1_000_000_000L;
    private static final Set<String> FIELDS = Set.of("id", "op", "amount");

    public CounterOperation {
        if (op == null) {
            throw new IllegalArgumentException("op is required");
        }
        if (op.mutates() && (amount == null || amount < 1 || amount > MAX_AMOUNT)) {
            throw new IllegalArgumentException(op.wireName() + " needs an amount in 1.." + MAX_AMOUNT);
        }
        if (!op.mutates() && amount != null) {
            throw new IllegalArgumentException("read takes no amount");
        }
    }

    public static CounterOperation increment(String id, long amount) {
        return new CounterOperation(id, CounterOperationType.INCREMENT, amount);
    }

    public static CounterOperation decrement(String id, long amount) {
        return new CounterOperation(id, CounterOperationType.DECREMENT, amount);
    }

    public static CounterOperation read(String id) {
        return new CounterOperation(id, CounterOperationType.READ, null);
    }

    /** The change this operation makes to the value: +amount, -amount or 0. */
    public long delta() {
        return switch (op) {
            case INCREMENT -> amount;
            case DECREMENT -> -amount;
            case READ -> 0L;
        };
    }

    public static CounterOperation fromJson(JsonNode node, String path) {
        JsonFields f = JsonFields.object(node, path, FIELDS);
        String id = f.requiredId("id");
        CounterOperationType op = f.requiredEnum("op", CounterOperationType.class);
        if (op.mutates()) {
            long amount = f.requiredLong("amount", 1, MAX_AMOUNT);
            return new CounterOperation(id, op, amount);
        }
        if (f.has("amount")) {
            throw new InvalidInputException(f.pathOf("amount"), "a read takes no amount");
        }
        return new CounterOperation(id, op, null);
    }
}
