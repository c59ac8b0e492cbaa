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
 * @param recent     the most recent messages' ids and the value each produced, oldest first, for
 *                   exactly-once delivery across generations (bounded by {@link #RECENT_LIMIT})
 */
public record EntityState(String counterId, int generation, long value, List<Applied> recent) {
    public static final int RECENT_LIMIT = 2_000;

    /** A processed message: its id and the value right after it. */
    public record Applied(String id, long value) {
    }

    public EntityState {
        recent = recent == null ? List.of() : List.copyOf(recent);
    }

    /** A generation number far beyond any real entity's (100 messages each), so a hostile one is refused. */
    public static final int MAX_GENERATION = 100_000_000;
    private static final Set<String> FIELDS = Set.of("counterId", "generation", "value", "recent");
    private static final Set<String> APPLIED_FIELDS = Set.of("id", "value");

    /**
     * Decodes a generation's start event strictly: unknown fields, wrong types, ids that are not
     * 1-64 of [A-Za-z0-9_-], generations below 1, out-of-range numbers, duplicate message ids and
     * more than {@value #RECENT_LIMIT} recent messages are refused, naming the field. The entity
     * checks its input with this before it opens an inbox, so a bad start event fails the execution
     * with that message and leaves no entity waiting for messages.
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
        List<Applied> recent = new ArrayList<>();
        JsonNode r = f.raw("recent");
        if (r != null && !r.isNull()) {
            if (!r.isArray()) {
                throw new InvalidInputException("recent", "expected an array of {id, value}, got " + r.getNodeType()
                        .name().toLowerCase(java.util.Locale.ROOT));
            }
            if (r.size() > RECENT_LIMIT) {
                throw new InvalidInputException("recent", "too many elements: at most " + RECENT_LIMIT + ", got " + r.size());
            }
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < r.size(); i++) {
                JsonFields a = JsonFields.object(r.get(i), "recent[" + i + "]", APPLIED_FIELDS);
                String id = a.requiredId("id");
                if (!ids.add(id)) {
                    throw new InvalidInputException(a.pathOf("id"), "duplicate message id \"" + id + "\"");
                }
                recent.add(new Applied(id, a.requiredLong("value", Long.MIN_VALUE, Long.MAX_VALUE)));
            }
        }
        return new EntityState(counterId, generation, value, recent);
    }

    public static EntityState first(String counterId) {
        return new EntityState(counterId, 1, 0, List.of());
    }

    /** The execution name of generation {@code g} of counter {@code counterId} (1-64 chars of [A-Za-z0-9_-]). */
    public static String executionName(String counterId, int generation) {
        return "counter-" + counterId + "-g" + generation;
    }

    EntityState next(long newValue, List<Applied> newRecent) {
        List<Applied> bounded = new ArrayList<>(newRecent);
        if (bounded.size() > RECENT_LIMIT) {
            bounded = bounded.subList(bounded.size() - RECENT_LIMIT, bounded.size());
        }
        return new EntityState(counterId, generation + 1, newValue, bounded);
    }
}
