package io.durablebench.counter.durable;

import java.util.ArrayList;
import java.util.List;

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
