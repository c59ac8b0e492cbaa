package io.durablebench.counter.durable;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.JsonFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The input of one generation of a counter entity: where the previous generation left off.
 *
 * @param counterId  the counter this entity is
 * @param generation 1 for the first execution; each generation processes a bounded number of
 *                   messages and then hands over to the next
 * @param value      the counter's value
 * @param senders    one mark per sender that ever had a message applied (at most {@link #MAX_SENDERS}):
 *                   what makes delivery exactly-once across generations, however old a duplicate is
 */
public record EntityState(String counterId, int generation, long value, List<SenderMark> senders) {
    /**
     * The most senders one counter keeps. The hand-off to the next generation is an asynchronous
     * Invoke, whose payload Lambda limits to 256 KB: 400 marks of the largest size fit
     * ({@code EntityStateTest} checks it).
     */
    public static final int MAX_SENDERS = 400;

    public EntityState {
        senders = senders == null ? List.of() : List.copyOf(senders);
    }

    /** A generation number far beyond any real entity's (100 messages each), so a hostile one is refused. */
    public static final int MAX_GENERATION = 100_000_000;
    private static final Set<String> FIELDS = Set.of("counterId", "generation", "value", "senders");

    /**
     * Decodes a generation's start event strictly: unknown fields, wrong types, ids that are not
     * 1-64 of [A-Za-z0-9_-], generations below 1, out-of-range numbers, a sender listed twice, a mark
     * the entity could not have written and more than {@value #MAX_SENDERS} senders are refused,
     * naming the field. The entity checks its input with this before it opens an inbox, so a bad
     * start event fails the execution with that message and leaves no entity waiting for messages.
     */
    public static EntityState fromJson(JsonNode node) {
        JsonFields f = JsonFields.root(node, FIELDS);
        String counterId = f.requiredId("counterId");
        // The entity's execution name, "counter-<id>-g<generation>", must itself be a valid name.
        if (executionName(counterId, MAX_GENERATION).length() > 64) {
            throw new InvalidInputException("counterId", "too long for an execution name: at most "
                    + (64 - executionName("", MAX_GENERATION).length()) + " characters, got " + counterId.length());
        }
        int generation = (int) f.requiredLong("generation", 1, MAX_GENERATION);
        long value = f.requiredLong("value", Long.MIN_VALUE, Long.MAX_VALUE);
        List<SenderMark> senders = new ArrayList<>();
        JsonNode s = f.raw("senders");
        if (s != null && !s.isNull()) {
            if (!s.isArray()) {
                throw new InvalidInputException("senders", "expected an array of {sender, seq, lastId, values}, got "
                        + s.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            if (s.size() > MAX_SENDERS) {
                throw new InvalidInputException("senders", "too many elements: at most " + MAX_SENDERS + ", got " + s.size());
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < s.size(); i++) {
                SenderMark mark = SenderMark.fromJson(s.get(i), "senders[" + i + "]");
                if (!seen.add(mark.sender())) {
                    throw new InvalidInputException("senders[" + i + "].sender", "sender \"" + mark.sender()
                            + "\" is listed twice");
                }
                senders.add(mark);
            }
        }
        return new EntityState(counterId, generation, value, senders);
    }

    public static EntityState first(String counterId) {
        return new EntityState(counterId, 1, 0, List.of());
    }

    /** The execution name of generation {@code g} of counter {@code counterId} (1-64 chars of [A-Za-z0-9_-]). */
    public static String executionName(String counterId, int generation) {
        return "counter-" + counterId + "-g" + generation;
    }

    EntityState next(long newValue, List<SenderMark> marks) {
        return new EntityState(counterId, generation + 1, newValue, marks);
    }
}
