package io.durablebench.locallambda.durable.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One event of an execution's history (Lambda's {@code Event}), recorded when the transition
 * happens. {@code details} is the {@code <EventType>Details} object with every payload present;
 * the history API strips payloads unless the caller asks for execution data.
 *
 * @param eventType e.g. {@code StepSucceeded}, {@code InvocationCompleted}
 * @param details   the details object; never null (may be empty)
 */
public record HistoryEvent(int eventId, String eventType, String subType, String operationId, String name,
                           String parentId, Instant timestamp, ObjectNode details) {
}
