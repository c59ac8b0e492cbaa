package io.durablebench.locallambda.durable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.locallambda.durable.model.ExecutionStatus;
import io.durablebench.locallambda.durable.model.HistoryEvent;
import io.durablebench.locallambda.durable.model.Operation;
import io.durablebench.locallambda.durable.model.OperationStatus;
import io.durablebench.locallambda.durable.model.OperationType;
import io.durablebench.locallambda.json.Json;
import io.durablebench.locallambda.json.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The journal's record format: one JSON document per write of an execution, holding the header,
 * the metrics, the operations that changed (whole) and the events appended. Replaying the records
 * in order rebuilds every execution; a record of a new execution carries all of it.
 */
final class ExecutionCodec {
    private ExecutionCodec() {
    }

    /**
     * @param compacted true for the whole-execution records written when the journal is compacted;
     *                  false for the records of changes (whose metrics do not yet count their own bytes)
     */
    record Record(ExecutionHeader header, JsonNode metrics, List<Operation> ops, List<HistoryEvent> events,
                  boolean compacted) {
    }

    static byte[] encode(ExecutionHeader h, ExecutionMetrics metrics, Collection<Operation> ops,
                         Collection<HistoryEvent> events) {
        return encode(h, metrics, ops, events, false);
    }

    static byte[] encode(ExecutionHeader h, ExecutionMetrics metrics, Collection<Operation> ops,
                         Collection<HistoryEvent> events, boolean compacted) {
        ObjectNode n = Json.object();
        if (compacted) {
            n.put("compacted", true);
        }
        n.set("h", header(h));
        n.set("m", metrics.toJson());
        ArrayNode o = n.putArray("ops");
        ops.forEach(op -> o.add(operation(op)));
        ArrayNode e = n.putArray("ev");
        events.forEach(ev -> e.add(event(ev)));
        return Json.bytes(n);
    }

    static Record decode(byte[] bytes) {
        try {
            JsonNode n = Json.parse(bytes);
            List<Operation> ops = new ArrayList<>();
            n.get("ops").forEach(o -> ops.add(operation(o)));
            List<HistoryEvent> events = new ArrayList<>();
            n.get("ev").forEach(e -> events.add(event(e)));
            return new Record(header(n.get("h")), n.get("m"), ops, events, n.path("compacted").asBoolean(false));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable journal record", e);
        }
    }

    private static ObjectNode header(ExecutionHeader h) {
        ObjectNode n = Json.object();
        n.put("Arn", h.arn());
        n.put("Function", h.functionName());
        n.put("Version", h.version());
        n.put("Name", h.executionName());
        n.put("ExecutionId", h.executionId());
        n.put("Start", h.startTimestamp().toEpochMilli());
        if (h.endTimestamp() != null) {
            n.put("End", h.endTimestamp().toEpochMilli());
        }
        n.put("Status", h.status().name());
        WireJson.putIfPresent(n, "Result", h.result());
        WireJson.putError(n, "Error", h.error());
        n.put("Timeout", h.executionTimeoutSeconds());
        WireJson.putIfPresent(n, "ParentArn", h.parentArn());
        WireJson.putIfPresent(n, "ParentOperationId", h.parentOperationId());
        n.put("Awaiting", h.awaitingInvocation());
        n.put("Failures", h.consecutiveFailures());
        return n;
    }

    private static ExecutionHeader header(JsonNode n) {
        return new ExecutionHeader(n.get("Arn").asText(), n.get("Function").asText(), n.get("Version").asText(),
                n.get("Name").asText(), n.get("ExecutionId").asText(), Instant.ofEpochMilli(n.get("Start").asLong()),
                n.has("End") ? Instant.ofEpochMilli(n.get("End").asLong()) : null,
                ExecutionStatus.valueOf(n.get("Status").asText()), Json.textOrNull(n, "Result"),
                WireJson.readError(n.get("Error"), "Error"), n.get("Timeout").asLong(),
                Json.textOrNull(n, "ParentArn"), Json.textOrNull(n, "ParentOperationId"),
                n.get("Awaiting").asBoolean(), n.get("Failures").asInt());
    }

    private static ObjectNode operation(Operation op) {
        ObjectNode n = WireJson.operation(op, WireJson.Timestamps.EPOCH_MILLIS);
        Operation.Extras x = op.extras();
        if (!x.equals(Operation.Extras.NONE)) {
            ObjectNode e = n.putObject("X");
            WireJson.putIfPresent(e, "WaitSeconds", x.waitSeconds());
            WireJson.putIfPresent(e, "CallbackTimeout", x.callbackTimeoutSeconds());
            WireJson.putIfPresent(e, "CallbackHeartbeatTimeout", x.callbackHeartbeatTimeoutSeconds());
            WireJson.putIfPresent(e, "InvokeFunction", x.invokeFunctionName());
            WireJson.putIfPresent(e, "InvokeTenant", x.invokeTenantId());
            WireJson.putIfPresent(e, "InvokeInput", x.invokeInput());
            WireJson.putIfPresent(e, "Child", x.childExecutionArn());
        }
        return n;
    }

    private static Operation operation(JsonNode n) {
        OperationType type = OperationType.valueOf(n.get("Type").asText());
        Operation.Builder b = Operation.builder(n.get("Id").asText(), type)
                .parentId(Json.textOrNull(n, "ParentId"))
                .name(Json.textOrNull(n, "Name"))
                .subType(Json.textOrNull(n, "SubType"))
                .status(OperationStatus.valueOf(n.get("Status").asText()))
                .startTimestamp(Json.instant(n.get("StartTimestamp"), true))
                .endTimestamp(Json.instant(n.get("EndTimestamp"), true));
        JsonNode d = switch (type) {
            case EXECUTION -> n.get("ExecutionDetails");
            case CONTEXT -> n.get("ContextDetails");
            case STEP -> n.get("StepDetails");
            case WAIT -> n.get("WaitDetails");
            case CALLBACK -> n.get("CallbackDetails");
            case CHAINED_INVOKE -> n.get("ChainedInvokeDetails");
        };
        if (d != null) {
            b.inputPayload(Json.textOrNull(d, "InputPayload"))
                    .result(Json.textOrNull(d, "Result"))
                    .error(WireJson.readError(d.get("Error"), "Error"))
                    .callbackId(Json.textOrNull(d, "CallbackId"))
                    .nextAttemptTimestamp(Json.instant(d.get("NextAttemptTimestamp"), true))
                    .scheduledEndTimestamp(Json.instant(d.get("ScheduledEndTimestamp"), true));
            if (d.has("ReplayChildren")) {
                b.replayChildren(d.get("ReplayChildren").asBoolean());
            }
            if (d.has("Attempt")) {
                b.attempt(d.get("Attempt").asInt());
            }
        }
        JsonNode x = n.get("X");
        if (x != null) {
            b.extras(new Operation.Extras(
                    x.has("WaitSeconds") ? x.get("WaitSeconds").asInt() : null,
                    x.has("CallbackTimeout") ? x.get("CallbackTimeout").asInt() : null,
                    x.has("CallbackHeartbeatTimeout") ? x.get("CallbackHeartbeatTimeout").asInt() : null,
                    Json.textOrNull(x, "InvokeFunction"), Json.textOrNull(x, "InvokeTenant"),
                    Json.textOrNull(x, "InvokeInput"), Json.textOrNull(x, "Child")));
        }
        return b.build();
    }

    private static ObjectNode event(HistoryEvent e) {
        ObjectNode n = Json.object();
        n.put("EventId", e.eventId());
        n.put("EventType", e.eventType());
        WireJson.putIfPresent(n, "SubType", e.subType());
        WireJson.putIfPresent(n, "Id", e.operationId());
        WireJson.putIfPresent(n, "Name", e.name());
        WireJson.putIfPresent(n, "ParentId", e.parentId());
        n.put("At", e.timestamp().toEpochMilli());
        n.set("Details", e.details());
        return n;
    }

    private static HistoryEvent event(JsonNode n) {
        return new HistoryEvent(n.get("EventId").asInt(), n.get("EventType").asText(), Json.textOrNull(n, "SubType"),
                Json.textOrNull(n, "Id"), Json.textOrNull(n, "Name"), Json.textOrNull(n, "ParentId"),
                Instant.ofEpochMilli(n.get("At").asLong()), (ObjectNode) n.get("Details"));
    }
}

