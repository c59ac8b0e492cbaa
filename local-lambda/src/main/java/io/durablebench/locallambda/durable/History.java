package io.durablebench.locallambda.durable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.locallambda.durable.model.ErrorObject;
import io.durablebench.locallambda.durable.model.HistoryEvent;
import io.durablebench.locallambda.json.Json;
import io.durablebench.locallambda.json.WireJson;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The details objects of history events, shaped as Lambda's {@code Event} model, and their
 * rendering for GetDurableExecutionHistory. Payload-carrying members ({@code Input}, {@code Result},
 * {@code Error}) are stored as {@code {"Payload": ...}} and rendered with {@code Truncated}: without
 * IncludeExecutionData the payload is left out and {@code Truncated} is true.
 */
final class History {
    private static final Set<String> PAYLOAD_MEMBERS = Set.of("Input", "Result", "Error");

    private History() {
    }

    /** What ChainedInvokeStarted reports of the target once it ran: its version and its durable execution. */
    record ChainedTarget(String executedVersion, String childArn) {
    }

    static ObjectNode empty() {
        return Json.object();
    }

    static ObjectNode payload(String value) {
        ObjectNode n = Json.object();
        if (value != null) {
            n.put("Payload", value);
        }
        return n;
    }

    static ObjectNode errorPayload(ErrorObject error) {
        ObjectNode n = Json.object();
        if (error != null) {
            n.set("Payload", WireJson.error(error));
        }
        return n;
    }

    static ObjectNode withResult(String result) {
        ObjectNode d = Json.object();
        d.set("Result", payload(result));
        return d;
    }

    static ObjectNode withError(ErrorObject error) {
        ObjectNode d = Json.object();
        d.set("Error", errorPayload(error));
        return d;
    }

    static ObjectNode executionStarted(String input, long timeoutSeconds) {
        ObjectNode d = Json.object();
        if (input != null) {
            d.set("Input", payload(input));
        }
        d.put("ExecutionTimeout", timeoutSeconds);
        return d;
    }

    static ObjectNode waitStarted(int seconds, Instant scheduledEnd) {
        ObjectNode d = Json.object();
        d.put("Duration", seconds);
        d.set("ScheduledEndTimestamp", Json.epochSeconds(scheduledEnd));
        return d;
    }

    static ObjectNode waitSucceeded(Integer seconds) {
        ObjectNode d = Json.object();
        WireJson.putIfPresent(d, "Duration", seconds);
        return d;
    }

    static ObjectNode stepSucceeded(String result, int attempt) {
        ObjectNode d = withResult(result);
        d.putObject("RetryDetails").put("CurrentAttempt", attempt);
        return d;
    }

    static ObjectNode stepFailed(ErrorObject error, int attempt, Integer nextDelaySeconds) {
        ObjectNode d = withError(error);
        ObjectNode r = d.putObject("RetryDetails").put("CurrentAttempt", attempt);
        if (nextDelaySeconds != null) {
            r.put("NextAttemptDelaySeconds", nextDelaySeconds);
        }
        return d;
    }

    /** A RETRY carrying a payload and no error (waitForCondition) is a success of the attempt. */
    static ObjectNode stepRetriedWithState(String state, int attempt, int nextDelaySeconds) {
        ObjectNode d = withResult(state);
        d.putObject("RetryDetails").put("CurrentAttempt", attempt).put("NextAttemptDelaySeconds", nextDelaySeconds);
        return d;
    }

    static ObjectNode callbackStarted(String callbackId, Integer timeout, Integer heartbeatTimeout) {
        ObjectNode d = Json.object();
        d.put("CallbackId", callbackId);
        WireJson.putIfPresent(d, "HeartbeatTimeout", heartbeatTimeout);
        WireJson.putIfPresent(d, "Timeout", timeout);
        return d;
    }

    static ObjectNode chainedInvokeStarted(String functionName, String tenantId, String input) {
        ObjectNode d = Json.object();
        d.put("FunctionName", functionName);
        WireJson.putIfPresent(d, "TenantId", tenantId);
        if (input != null) {
            d.set("Input", payload(input));
        }
        return d;
    }

    static ObjectNode invocationCompleted(Instant start, Instant end, String requestId, ErrorObject error) {
        ObjectNode d = Json.object();
        d.set("StartTimestamp", Json.epochSeconds(start));
        d.set("EndTimestamp", Json.epochSeconds(end));
        d.put("RequestId", requestId);
        if (error != null) {
            d.set("Error", errorPayload(error));
        }
        return d;
    }

    /**
     * One event as the history API returns it.
     *
     * @param chained CHAINED_INVOKE operation id to what the service learned when it ran the target
     *                (the version that ran, the durable execution it started), filled into
     *                ChainedInvokeStarted: both are known only after the event was recorded
     */
    static ObjectNode render(HistoryEvent e, boolean includeData, Map<String, ChainedTarget> chained) {
        ObjectNode n = Json.object();
        n.put("EventType", e.eventType());
        if (e.subType() != null) {
            n.put("SubType", e.subType());
        }
        n.put("EventId", e.eventId());
        if (e.operationId() != null) {
            n.put("Id", e.operationId());
        }
        if (e.name() != null) {
            n.put("Name", e.name());
        }
        n.set("EventTimestamp", Json.epochSeconds(e.timestamp()));
        if (e.parentId() != null) {
            n.put("ParentId", e.parentId());
        }
        ObjectNode details = e.details().deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = details.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (PAYLOAD_MEMBERS.contains(f.getKey()) && f.getValue() instanceof ObjectNode p) {
                if (includeData) {
                    p.put("Truncated", false);
                } else {
                    p.remove("Payload");
                    p.put("Truncated", true);
                }
            }
        }
        ChainedTarget target = e.eventType().equals("ChainedInvokeStarted") ? chained.get(e.operationId()) : null;
        if (target != null) {
            if (target.executedVersion() != null) {
                details.put("ExecutedVersion", target.executedVersion());
            }
            if (target.childArn() != null) {
                details.put("DurableExecutionArn", target.childArn());
            }
        }
        n.set(e.eventType() + "Details", details);
        return n;
    }
}
