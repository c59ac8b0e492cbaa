package io.durablebench.locallambda.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.lambda.model.CallbackOptions;
import software.amazon.awssdk.services.lambda.model.ChainedInvokeOptions;
import software.amazon.awssdk.services.lambda.model.CheckpointDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.ContextOptions;
import software.amazon.awssdk.services.lambda.model.ErrorObject;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionStateResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;
import software.amazon.awssdk.services.lambda.model.StepOptions;
import software.amazon.awssdk.services.lambda.model.WaitOptions;

/**
 * Runs a script of raw protocol calls given in its input, inside one invocation, and returns what
 * each call answered: the operations it returned, or the exception class the stock SDK raised.
 * <pre>
 * {"batches": [
 *   {"updates": [ {OperationUpdate in API JSON}, ... ], "token": "current|previous|bogus", "clientToken": "..."},
 *   {"state": {"maxItems": 2}},
 *   {"sleep": 1500},
 *   {"steps": {"from": 1, "count": 3000, "payloadSize": 0}},
 *   ...]}
 * </pre>
 * A {@code "steps"} batch is one checkpoint of {@code count} new steps {@code s<from>, ...}: each a START,
 * followed by a SUCCEED with a Payload of {@code payloadSize} characters when that is given.
 * {@code "PayloadSize": n} in an update stands for a Payload of n characters; {@code "output"} replaces
 * the handler's output document (to test how the service treats invalid outputs).
 */
public class ProbeHandler extends DurableTestHandler {
    @Override
    protected void run(RawDurable d, OutputStream out, Context context) throws IOException {
        JsonNode input = d.input();
        List<String> tokens = new ArrayList<>();
        tokens.add(d.token());
        ArrayNode results = RawDurable.JSON.createArrayNode();
        for (JsonNode batch : input.path("batches")) {
            ObjectNode result = results.addObject();
            String current = tokens.get(tokens.size() - 1);
            try {
                if (batch.has("sleep")) {
                    try {
                        Thread.sleep(batch.get("sleep").asLong());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    result.put("ok", true);
                    continue;
                }
                if (batch.has("state")) {
                    int max = batch.get("state").path("maxItems").asInt(100);
                    ArrayNode pages = result.putArray("pages");
                    ArrayNode ids = result.putArray("ids");
                    String marker = null;
                    do {
                        String m = marker;
                        GetDurableExecutionStateResponse r = lambda().getDurableExecutionState(b -> b
                                .durableExecutionArn(d.arn()).checkpointToken(current).maxItems(max).marker(m));
                        pages.add(r.operations().size());
                        r.operations().forEach(o -> ids.add(o.id()));
                        marker = r.nextMarker();
                    } while (marker != null && !marker.isEmpty());
                    result.put("ok", true);
                    continue;
                }
                String token = switch (batch.path("token").asText("current")) {
                    case "previous" -> tokens.size() > 1 ? tokens.get(tokens.size() - 2) : "never-issued";
                    case "bogus" -> "bogus-token";
                    default -> current;
                };
                List<OperationUpdate> updates = new ArrayList<>();
                for (JsonNode u : batch.path("updates")) {
                    updates.add(update(u));
                }
                if (batch.has("steps")) {
                    updates.addAll(steps(batch.get("steps")));
                }
                String clientToken = batch.has("clientToken") ? batch.get("clientToken").asText() : null;
                CheckpointDurableExecutionResponse r = lambda().checkpointDurableExecution(b -> b
                        .durableExecutionArn(d.arn()).checkpointToken(token).updates(updates).clientToken(clientToken));
                if (!r.checkpointToken().equals(current)) {
                    tokens.add(r.checkpointToken());
                }
                result.put("ok", true);
                result.put("tokenChanged", !r.checkpointToken().equals(token));
                ArrayNode ops = result.putArray("ops");
                for (Operation op : r.newExecutionState().operations()) {
                    ObjectNode o = ops.addObject();
                    o.put("Id", op.id());
                    o.put("Type", op.typeAsString());
                    o.put("Status", op.statusAsString());
                    if (op.stepDetails() != null) {
                        o.put("Attempt", op.stepDetails().attempt());
                    }
                    if (op.callbackDetails() != null) {
                        o.put("CallbackId", op.callbackDetails().callbackId());
                    }
                    if (op.waitDetails() != null && op.waitDetails().scheduledEndTimestamp() != null) {
                        o.put("ScheduledEnd", op.waitDetails().scheduledEndTimestamp().toEpochMilli());
                    }
                    if (op.startTimestamp() != null) {
                        o.put("Start", op.startTimestamp().toEpochMilli());
                    }
                }
                if (r.newExecutionState().nextMarker() != null) {
                    result.put("nextMarker", r.newExecutionState().nextMarker());
                }
            } catch (LambdaException e) {
                result.put("error", e.getClass().getSimpleName());
                result.put("status", e.statusCode());
                result.put("message", e.awsErrorDetails().errorMessage());
            }
        }
        if (input.has("output")) {
            out.write(input.get("output").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        RawDurable.succeeded(out, RawDurable.JSON.writeValueAsString(results));
    }

    /** {@code count} new steps: START each, then SUCCEED with a payload of {@code payloadSize} characters if given. */
    static List<OperationUpdate> steps(JsonNode spec) {
        List<OperationUpdate> out = new ArrayList<>();
        int from = spec.path("from").asInt(1);
        String payload = spec.has("payloadSize") ? "x".repeat(spec.get("payloadSize").asInt()) : null;
        for (int i = from; i < from + spec.path("count").asInt(); i++) {
            String id = "s" + i;
            out.add(OperationUpdate.builder().id(id).name(id).type("STEP").subType("Step").action("START").build());
            if (payload != null) {
                out.add(OperationUpdate.builder().id(id).name(id).type("STEP").subType("Step").action("SUCCEED")
                        .payload(payload).build());
            }
        }
        return out;
    }

    static OperationUpdate update(JsonNode u) {
        OperationUpdate.Builder b = OperationUpdate.builder().id(RawDurable.text(u, "Id"))
                .parentId(RawDurable.text(u, "ParentId")).name(RawDurable.text(u, "Name"))
                .type(RawDurable.text(u, "Type")).subType(RawDurable.text(u, "SubType"))
                .action(RawDurable.text(u, "Action")).payload(RawDurable.text(u, "Payload"));
        if (u.has("PayloadSize")) {
            b.payload("x".repeat(u.get("PayloadSize").asInt()));
        }
        JsonNode e = u.get("Error");
        if (e != null) {
            b.error(ErrorObject.builder().errorType(RawDurable.text(e, "ErrorType"))
                    .errorMessage(RawDurable.text(e, "ErrorMessage")).build());
        }
        if (u.has("StepOptions")) {
            b.stepOptions(StepOptions.builder().nextAttemptDelaySeconds(
                    u.get("StepOptions").has("NextAttemptDelaySeconds")
                            ? u.get("StepOptions").get("NextAttemptDelaySeconds").asInt() : null).build());
        }
        if (u.has("WaitOptions")) {
            b.waitOptions(WaitOptions.builder().waitSeconds(u.get("WaitOptions").get("WaitSeconds").asInt()).build());
        }
        if (u.has("CallbackOptions")) {
            JsonNode c = u.get("CallbackOptions");
            b.callbackOptions(CallbackOptions.builder()
                    .timeoutSeconds(c.has("TimeoutSeconds") ? c.get("TimeoutSeconds").asInt() : null)
                    .heartbeatTimeoutSeconds(c.has("HeartbeatTimeoutSeconds") ? c.get("HeartbeatTimeoutSeconds").asInt()
                            : null).build());
        }
        if (u.has("ChainedInvokeOptions")) {
            b.chainedInvokeOptions(ChainedInvokeOptions.builder()
                    .functionName(RawDurable.text(u.get("ChainedInvokeOptions"), "FunctionName"))
                    .tenantId(RawDurable.text(u.get("ChainedInvokeOptions"), "TenantId")).build());
        }
        if (u.has("ContextOptions")) {
            b.contextOptions(ContextOptions.builder()
                    .replayChildren(u.get("ContextOptions").get("ReplayChildren").asBoolean()).build());
        }
        return b.build();
    }
}
