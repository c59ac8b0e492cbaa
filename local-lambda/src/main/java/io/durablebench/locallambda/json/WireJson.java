package io.durablebench.locallambda.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.locallambda.error.LambdaApiException;
import io.durablebench.locallambda.durable.model.ErrorObject;
import io.durablebench.locallambda.durable.model.Operation;
import io.durablebench.locallambda.durable.model.OperationAction;
import io.durablebench.locallambda.durable.model.OperationType;
import io.durablebench.locallambda.durable.model.OperationUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lambda's JSON shapes of the durable execution APIs (member names as in the AWS SDK's model):
 * operations and errors out, operation updates and errors in. Reading validates the constraints
 * of the API model and names the offending member in the error.
 */
public final class WireJson {
    /** Per-operation payload limit of the service. */
    public static final int MAX_PAYLOAD_BYTES = 262_144;
    /** Serialized error limit (the emulator's value; the service's is not documented). */
    public static final int MAX_ERROR_BYTES = 32_768;
    public static final int MAX_WAIT_SECONDS = 31_622_400;
    static final Pattern ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    static final Pattern SUB_TYPE = Pattern.compile("[a-zA-Z0-9_-]{1,32}");
    static final Pattern NAME = Pattern.compile("[\\x20-\\x7E]{1,256}");

    private WireJson() {
    }

    public enum Timestamps { EPOCH_SECONDS, EPOCH_MILLIS }

    // ---------------------------------------------------------------- out

    public static ObjectNode operation(Operation op, Timestamps ts) {
        ObjectNode n = Json.object();
        n.put("Id", op.id());
        putIfPresent(n, "ParentId", op.parentId());
        putIfPresent(n, "Name", op.name());
        n.put("Type", op.type().name());
        putIfPresent(n, "SubType", op.subType());
        putTime(n, "StartTimestamp", op.startTimestamp(), ts);
        putTime(n, "EndTimestamp", op.endTimestamp(), ts);
        n.put("Status", op.status().name());
        switch (op.type()) {
            case EXECUTION -> {
                ObjectNode d = n.putObject("ExecutionDetails");
                putIfPresent(d, "InputPayload", op.inputPayload());
            }
            case CONTEXT -> {
                ObjectNode d = n.putObject("ContextDetails");
                if (op.replayChildren() != null) {
                    d.put("ReplayChildren", op.replayChildren());
                }
                putIfPresent(d, "Result", op.result());
                putError(d, "Error", op.error());
            }
            case STEP -> {
                ObjectNode d = n.putObject("StepDetails");
                d.put("Attempt", op.attempt() == null ? 0 : op.attempt());
                putTime(d, "NextAttemptTimestamp", op.nextAttemptTimestamp(), ts);
                putIfPresent(d, "Result", op.result());
                putError(d, "Error", op.error());
            }
            case WAIT -> {
                ObjectNode d = n.putObject("WaitDetails");
                putTime(d, "ScheduledEndTimestamp", op.scheduledEndTimestamp(), ts);
            }
            case CALLBACK -> {
                ObjectNode d = n.putObject("CallbackDetails");
                putIfPresent(d, "CallbackId", op.callbackId());
                putIfPresent(d, "Result", op.result());
                putError(d, "Error", op.error());
            }
            case CHAINED_INVOKE -> {
                ObjectNode d = n.putObject("ChainedInvokeDetails");
                putIfPresent(d, "Result", op.result());
                putError(d, "Error", op.error());
            }
        }
        return n;
    }

    public static ObjectNode error(ErrorObject e) {
        ObjectNode n = Json.object();
        putIfPresent(n, "ErrorType", e.errorType());
        putIfPresent(n, "ErrorMessage", e.errorMessage());
        putIfPresent(n, "ErrorData", e.errorData());
        if (e.stackTrace() != null) {
            ArrayNode a = n.putArray("StackTrace");
            e.stackTrace().forEach(a::add);
        }
        return n;
    }

    public static void putError(ObjectNode parent, String field, ErrorObject e) {
        if (e != null) {
            parent.set(field, error(e));
        }
    }

    public static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    public static void putIfPresent(ObjectNode n, String field, Integer value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    public static void putTime(ObjectNode n, String field, Instant t, Timestamps ts) {
        if (t != null) {
            n.set(field, ts == Timestamps.EPOCH_MILLIS ? Json.epochMillis(t) : Json.epochSeconds(t));
        }
    }

    public static int utf8Length(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    public static int errorBytes(ErrorObject e) {
        return e == null ? 0 : Json.bytes(error(e)).length;
    }

    // ---------------------------------------------------------------- in

    /** Reads an ErrorObject; {@code null} or an absent node gives null. */
    public static ErrorObject readError(JsonNode n, String path) {
        if (n == null || n.isNull()) {
            return null;
        }
        requireObject(n, path, Set.of("ErrorType", "ErrorMessage", "ErrorData", "StackTrace"));
        List<String> trace = null;
        JsonNode st = n.get("StackTrace");
        if (st != null && !st.isNull()) {
            if (!st.isArray()) {
                throw invalid(path + ".StackTrace", "must be a list of strings");
            }
            trace = new ArrayList<>();
            for (JsonNode line : st) {
                if (!line.isTextual()) {
                    throw invalid(path + ".StackTrace", "must be a list of strings");
                }
                trace.add(line.asText());
            }
        }
        return new ErrorObject(optText(n, "ErrorType", path), optText(n, "ErrorMessage", path),
                optText(n, "ErrorData", path), trace);
    }

    /** Reads one OperationUpdate, checking the API model's constraints on every member. */
    public static OperationUpdate readUpdate(JsonNode n, String path) {
        requireObject(n, path, Set.of("Id", "ParentId", "Name", "Type", "SubType", "Action", "Payload", "Error",
                "ContextOptions", "StepOptions", "WaitOptions", "CallbackOptions", "ChainedInvokeOptions"));
        String id = reqText(n, "Id", path);
        check(ID.matcher(id).matches(), path + ".Id", "must be 1 to 64 characters of [a-zA-Z0-9-_]");
        String parentId = optText(n, "ParentId", path);
        if (parentId != null) {
            check(ID.matcher(parentId).matches(), path + ".ParentId", "must be 1 to 64 characters of [a-zA-Z0-9-_]");
        }
        String name = optText(n, "Name", path);
        if (name != null) {
            check(NAME.matcher(name).matches(), path + ".Name", "must be 1 to 256 printable ASCII characters");
        }
        OperationType type = enumValue(OperationType.class, reqText(n, "Type", path), path + ".Type");
        String subType = optText(n, "SubType", path);
        if (subType != null) {
            check(SUB_TYPE.matcher(subType).matches(), path + ".SubType", "must be 1 to 32 characters of [a-zA-Z0-9-_]");
        }
        OperationAction action = enumValue(OperationAction.class, reqText(n, "Action", path), path + ".Action");
        String payload = optText(n, "Payload", path);
        // The EXECUTION update is how an SDK hands over a result too large for the invocation
        // response, so the per-operation limit does not apply to it (as in the emulator).
        if (payload != null && type != OperationType.EXECUTION && utf8Length(payload) > MAX_PAYLOAD_BYTES) {
            throw LambdaApiException.invalidParameter(type.name() + " output payload size must be less than or equal to "
                    + MAX_PAYLOAD_BYTES + " bytes (" + path + ".Payload has " + utf8Length(payload) + ")");
        }
        ErrorObject error = readError(n.get("Error"), path + ".Error");
        if (error != null && errorBytes(error) > MAX_ERROR_BYTES) {
            throw LambdaApiException.invalidParameter("Error object size must be less than " + MAX_ERROR_BYTES
                    + " bytes (" + path + ".Error has " + errorBytes(error) + ")");
        }

        OperationUpdate.ContextOptions contextOptions = null;
        JsonNode co = n.get("ContextOptions");
        if (co != null && !co.isNull()) {
            requireObject(co, path + ".ContextOptions", Set.of("ReplayChildren"));
            JsonNode rc = co.get("ReplayChildren");
            if (rc != null && !rc.isNull() && !rc.isBoolean()) {
                throw invalid(path + ".ContextOptions.ReplayChildren", "must be a boolean");
            }
            contextOptions = new OperationUpdate.ContextOptions(rc == null || rc.isNull() ? null : rc.asBoolean());
        }
        OperationUpdate.StepOptions stepOptions = null;
        JsonNode so = n.get("StepOptions");
        if (so != null && !so.isNull()) {
            requireObject(so, path + ".StepOptions", Set.of("NextAttemptDelaySeconds"));
            Integer delay = optInt(so, "NextAttemptDelaySeconds", path + ".StepOptions", 1, MAX_WAIT_SECONDS);
            stepOptions = new OperationUpdate.StepOptions(delay);
        }
        OperationUpdate.WaitOptions waitOptions = null;
        JsonNode wo = n.get("WaitOptions");
        if (wo != null && !wo.isNull()) {
            requireObject(wo, path + ".WaitOptions", Set.of("WaitSeconds"));
            waitOptions = new OperationUpdate.WaitOptions(optInt(wo, "WaitSeconds", path + ".WaitOptions", 1, MAX_WAIT_SECONDS));
        }
        OperationUpdate.CallbackOptions callbackOptions = null;
        JsonNode cbo = n.get("CallbackOptions");
        if (cbo != null && !cbo.isNull()) {
            requireObject(cbo, path + ".CallbackOptions", Set.of("TimeoutSeconds", "HeartbeatTimeoutSeconds"));
            callbackOptions = new OperationUpdate.CallbackOptions(
                    optInt(cbo, "TimeoutSeconds", path + ".CallbackOptions", 0, Integer.MAX_VALUE),
                    optInt(cbo, "HeartbeatTimeoutSeconds", path + ".CallbackOptions", 0, Integer.MAX_VALUE));
        }
        OperationUpdate.ChainedInvokeOptions invokeOptions = null;
        JsonNode cio = n.get("ChainedInvokeOptions");
        if (cio != null && !cio.isNull()) {
            requireObject(cio, path + ".ChainedInvokeOptions", Set.of("FunctionName", "TenantId"));
            String fn = reqText(cio, "FunctionName", path + ".ChainedInvokeOptions");
            check(!fn.isEmpty() && fn.length() <= 170, path + ".ChainedInvokeOptions.FunctionName",
                    "must be 1 to 170 characters");
            invokeOptions = new OperationUpdate.ChainedInvokeOptions(fn, optText(cio, "TenantId", path + ".ChainedInvokeOptions"));
        }
        return new OperationUpdate(id, parentId, name, type, subType, action, payload, error,
                contextOptions, stepOptions, waitOptions, callbackOptions, invokeOptions);
    }

    // ---------------------------------------------------------------- helpers

    public static LambdaApiException invalid(String path, String problem) {
        return LambdaApiException.invalidParameter(path + ": " + problem);
    }

    private static void check(boolean ok, String path, String problem) {
        if (!ok) {
            throw invalid(path, problem);
        }
    }

    public static void requireObject(JsonNode n, String path, Set<String> allowed) {
        if (n == null || !n.isObject()) {
            throw invalid(path, "must be a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw invalid(path, "unknown member " + f);
            }
        }
    }

    public static String reqText(JsonNode n, String field, String path) {
        String v = optText(n, field, path);
        if (v == null) {
            throw invalid(path + "." + field, "is required");
        }
        return v;
    }

    public static String optText(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw invalid(path + "." + field, "must be a string");
        }
        return v.asText();
    }

    public static Integer optInt(JsonNode n, String field, String path, int min, int max) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw invalid(path + "." + field, "must be an integer");
        }
        int i = v.asInt();
        if (i < min || i > max) {
            throw invalid(path + "." + field, "must be between " + min + " and " + max + ", got " + i);
        }
        return i;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String path) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw invalid(path, "unknown value " + value);
        }
    }
}
