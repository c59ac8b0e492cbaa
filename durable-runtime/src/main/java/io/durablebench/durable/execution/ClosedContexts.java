package io.durablebench.durable.execution;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;

/**
 * Contexts whose owner (a map or parallel) has completed while their threads may still run: their
 * updates must not be checkpointed any more (the service would refuse children of a finished
 * parent, and the completed result must not change). Not thread-safe: the invocation's lock guards it.
 */
final class ClosedContexts {
    /** Guards against a cycle in the parent map; real nesting is far shallower. */
    private static final int MAX_DEPTH = 10_000;
    private final Map<String, String> parents = new HashMap<>();
    private final Set<String> closed = new HashSet<>();

    /** {@code contextId} is a context whose checkpointed parent is {@code parentId}. */
    void register(String contextId, String parentId) {
        parents.put(contextId, parentId);
    }

    void close(Collection<String> contextIds) {
        closed.addAll(contextIds);
    }

    /** Whether {@code u} belongs to a closed context (is one, or has one among its ancestors). */
    boolean contains(OperationUpdate u) {
        if (closed.isEmpty()) {
            return false;
        }
        if (closed.contains(u.id())) {
            return true;
        }
        String p = u.parentId();
        for (int depth = 0; p != null && depth < MAX_DEPTH; depth++) {
            if (closed.contains(p)) {
                return true;
            }
            p = parents.get(p);
        }
        return false;
    }
}
