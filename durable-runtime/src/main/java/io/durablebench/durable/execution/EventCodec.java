package io.durablebench.durable.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.durable.exception.InvalidEventException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.lambda.model.CallbackDetails;
import software.amazon.awssdk.services.lambda.model.ChainedInvokeDetails;
import software.amazon.awssdk.services.lambda.model.ContextDetails;
import software.amazon.awssdk.services.lambda.model.ErrorObject;
import software.amazon.awssdk.services.lambda.model.ExecutionDetails;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationStatus;
import software.amazon.awssdk.services.lambda.model.OperationType;
import software.amazon.awssdk.services.lambda.model.StepDetails;
import software.amazon.awssdk.services.lambda.model.WaitDetails;

/**
 * Reads the durable invocation event and writes the handler output, in the service's
 * UpperCamelCase JSON. Operations become the AWS SDK's own model objects, so the event and the
 * checkpoint API's responses share one representation. Timestamps in the event are epoch
 * milliseconds (strings of the form {@code yyyy-MM-dd HH:mm:ss.SSSSSSXXX} are accepted too).
 */
public final class EventCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter TEXT_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS]XXX");

    private EventCodec() {
    }

    public static InvocationEvent read(InputStream in) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new InvalidEventException("the invocation event is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException("the invocation event is not a JSON object; a durable function must be "
                    + "invoked through Lambda's durable execution service (with a qualified function name)");
        }
        String arn = text(root, "DurableExecutionArn");
        String token = text(root, "CheckpointToken");
        if (arn == null || token == null) {
            throw new InvalidEventException("the invocation event has no DurableExecutionArn/CheckpointToken: this is a "
                    + "durable function and must be invoked as one (qualified name or alias, durable config on the function)");
        }
        if (arn.indexOf('/') < 0) {
            throw new InvalidEventException("DurableExecutionArn " + arn + " has no execution id");
        }
        JsonNode state = root.get("InitialExecutionState");
        List<Operation> ops = new ArrayList<>();
        String marker = null;
        String unreadable = null;
        if (state != null && state.isObject()) {
            try {
                ops.addAll(operations(state.get("Operations")));
            } catch (InvalidEventException e) {
                // The envelope is fine, so there is an execution to fail with this explanation.
                unreadable = e.getMessage();
            }
            marker = text(state, "NextMarker");
        }
        return new InvocationEvent(arn, token, ops, marker == null || marker.isEmpty() ? null : marker, unreadable);
    }

    public static List<Operation> operations(JsonNode array) {
        List<Operation> ops = new ArrayList<>();
        if (array == null || array.isNull()) {
            return ops;
        }
        if (!array.isArray()) {
            throw new InvalidEventException("InitialExecutionState.Operations is not a list");
        }
        for (JsonNode n : array) {
            ops.add(operation(n));
        }
        return ops;
    }

    static Operation operation(JsonNode n) {
        String id = text(n, "Id");
        String type = text(n, "Type");
        String status = text(n, "Status");
        if (id == null || type == null || status == null) {
            throw new InvalidEventException("an operation in the event lacks Id, Type or Status: " + n);
        }
        if (OperationType.fromValue(type) == OperationType.UNKNOWN_TO_SDK_VERSION) {
            throw new InvalidEventException("operation " + id + " has type \"" + type + "\", which this runtime does not "
                    + "know (known: EXECUTION, CONTEXT, STEP, WAIT, CALLBACK, CHAINED_INVOKE); it cannot replay this execution");
        }
        if (OperationStatus.fromValue(status) == OperationStatus.UNKNOWN_TO_SDK_VERSION) {
            throw new InvalidEventException("operation " + id + " has unknown status \"" + status + "\"");
        }
        Operation.Builder b = Operation.builder().id(id).parentId(text(n, "ParentId")).name(text(n, "Name"))
                .type(type).subType(text(n, "SubType")).status(status)
                .startTimestamp(time(n.get("StartTimestamp"))).endTimestamp(time(n.get("EndTimestamp")));
        JsonNode d;
        if ((d = n.get("ExecutionDetails")) != null && d.isObject()) {
            b.executionDetails(ExecutionDetails.builder().inputPayload(text(d, "InputPayload")).build());
        }
        if ((d = n.get("ContextDetails")) != null && d.isObject()) {
            b.contextDetails(ContextDetails.builder().result(text(d, "Result")).error(error(d.get("Error")))
                    .replayChildren(d.has("ReplayChildren") && d.get("ReplayChildren").asBoolean()).build());
        }
        if ((d = n.get("StepDetails")) != null && d.isObject()) {
            b.stepDetails(StepDetails.builder().attempt(d.has("Attempt") && !d.get("Attempt").isNull() ? d.get("Attempt").asInt() : null)
                    .nextAttemptTimestamp(time(d.get("NextAttemptTimestamp")))
                    .result(text(d, "Result")).error(error(d.get("Error"))).build());
        }
        if ((d = n.get("WaitDetails")) != null && d.isObject()) {
            b.waitDetails(WaitDetails.builder().scheduledEndTimestamp(time(d.get("ScheduledEndTimestamp"))).build());
        }
        if ((d = n.get("CallbackDetails")) != null && d.isObject()) {
            b.callbackDetails(CallbackDetails.builder().callbackId(text(d, "CallbackId")).result(text(d, "Result"))
                    .error(error(d.get("Error"))).build());
        }
        if ((d = n.get("ChainedInvokeDetails")) != null && d.isObject()) {
            b.chainedInvokeDetails(ChainedInvokeDetails.builder().result(text(d, "Result")).error(error(d.get("Error"))).build());
        }
        return b.build();
    }

    static ErrorObject error(JsonNode e) {
        if (e == null || !e.isObject()) {
            return null;
        }
        List<String> trace = new ArrayList<>();
        if (e.has("StackTrace") && e.get("StackTrace").isArray()) {
            e.get("StackTrace").forEach(f -> trace.add(f.asText()));
        }
        return ErrorObject.builder().errorType(text(e, "ErrorType")).errorMessage(text(e, "ErrorMessage"))
                .errorData(text(e, "ErrorData")).stackTrace(trace).build();
    }

    static Instant time(JsonNode t) {
        if (t == null || t.isNull()) {
            return null;
        }
        if (t.isNumber()) {
            return Instant.ofEpochMilli(t.asLong());
        }
        String s = t.asText();
        try {
            return OffsetDateTime.parse(s, TEXT_TIMESTAMP).toInstant();
        } catch (RuntimeException notThatFormat) {
            try {
                return Instant.parse(s);
            } catch (RuntimeException e) {
                throw new InvalidEventException("unreadable timestamp \"" + s + "\" in the event");
            }
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    // ---- output

    public static byte[] succeeded(String result) {
        ObjectNode out = MAPPER.createObjectNode().put("Status", "SUCCEEDED");
        out.put("Result", result);
        return bytes(out);
    }

    public static byte[] failed(ErrorObject error) {
        ObjectNode out = MAPPER.createObjectNode().put("Status", "FAILED");
        ObjectNode e = out.putObject("Error");
        e.put("ErrorType", error.errorType());
        e.put("ErrorMessage", error.errorMessage());
        if (error.errorData() != null) {
            e.put("ErrorData", error.errorData());
        }
        if (error.hasStackTrace() && !error.stackTrace().isEmpty()) {
            error.stackTrace().forEach(e.putArray("StackTrace")::add);
        }
        return bytes(out);
    }

    public static byte[] pending() {
        return bytes(MAPPER.createObjectNode().put("Status", "PENDING"));
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
