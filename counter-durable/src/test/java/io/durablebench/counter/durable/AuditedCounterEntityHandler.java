package io.durablebench.counter.durable;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.durable.DurableContext;
import io.durablebench.support.durable.StrictDurableHandler;
import java.util.Map;

/**
 * Version 2 of the counter entity in {@link EntityVersionsTest}: the same entity, with a step that
 * records which code runs before it opens its first inbox. Fine for a new execution; an
 * incompatible change for one started on version 1, whose log holds the inbox callback where this
 * code now calls a step.
 */
final class AuditedCounterEntityHandler extends StrictDurableHandler<EntityState> {
    static final String AUDIT_STEP = "audit-code";
    private final CounterEntityHandler entity = new CounterEntityHandler();

    /** Made by the test's supplier: the environment goes to this instance and to the entity it wraps. */
    static AuditedCounterEntityHandler in(Map<String, String> environment) {
        AuditedCounterEntityHandler audited = withEnvironment(new AuditedCounterEntityHandler(), environment);
        audited.entity.useEnvironment(environment);
        return audited;
    }

    @Override
    protected EntityState handle(JsonNode event, DurableContext context) {
        context.step(AUDIT_STEP, String.class, () -> "entity code v2");
        return entity.handle(event, context);
    }
}
