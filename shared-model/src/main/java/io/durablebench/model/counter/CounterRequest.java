package io.durablebench.model.counter;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.JsonFields;
import io.durablebench.model.json.StrictJson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A batch of operations on one counter, applied in order. Both counter functions (baseline and
 * durable) take exactly this document.
 *
 * @param counterId  names the counter: 1-64 characters of letters, digits, '-' or '_'
 * @param operations 1..{@value #MAX_OPERATIONS} operations with distinct ids
 */
public record CounterRequest(String counterId, List<CounterOperation> operations) {
    public static final int MAX_OPERATIONS = 100;
    private static final Set<String> FIELDS = Set.of("counterId", "operations");

    public CounterRequest {
        operations = List.copyOf(operations);
    }

    /** A request of every operation kind, decoded (never applied) when priming. */
    static final String PRIMING_REQUEST = "{\"counterId\":\"priming\",\"operations\":[{\"id\":\"p-1\",\"op\":\"increment\","
            + "\"amount\":1},{\"id\":\"p-2\",\"op\":\"read\"},{\"id\":\"p-3\",\"op\":\"decrement\",\"amount\":1}]}";

    /**
     * Before a SnapStart snapshot: a request of every operation kind decoded and an answer encoded, so
     * that the snapshot holds the JSON path both counter functions take.
     */
    public static void primeJson() {
        CounterRequest sample = fromJson(StrictJson.parse(PRIMING_REQUEST));
        StrictJson.writeBytes(CounterResponse.ok(sample.counterId(), 0, List.of(), null));
    }

    public static CounterRequest parse(String json) {
        return fromJson(StrictJson.parse(json));
    }

    public static CounterRequest fromJson(JsonNode node) {
        JsonFields f = JsonFields.root(node, FIELDS);
        String counterId = f.requiredId("counterId");
        List<CounterOperation> ops = f.requiredArray("operations", MAX_OPERATIONS, CounterOperation::fromJson);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            Integer earlier = seen.putIfAbsent(ops.get(i).id(), i);
            if (earlier != null) {
                throw new InvalidInputException("operations[" + i + "].id",
                        "duplicate operation id \"" + ops.get(i).id() + "\" (also operations[" + earlier + "])");
            }
        }
        return new CounterRequest(counterId, ops);
    }

    public String toJson() {
        return StrictJson.write(this);
    }
}
