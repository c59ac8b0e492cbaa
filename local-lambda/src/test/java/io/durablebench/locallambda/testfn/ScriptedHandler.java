package io.durablebench.locallambda.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;

/**
 * The small durable test functions, one script each, chosen by the function's {@code TEST_SCRIPT}
 * environment variable (the template sets it): {@code steps}, {@code wait}, {@code callback},
 * {@code retry}, {@code invoker} and {@code bigState}.
 */
public class ScriptedHandler extends DurableTestHandler {
    private static final Set<String> SCRIPTS = Set.of("steps", "wait", "callback", "retry", "invoker", "bigState");

    @Override
    protected void run(RawDurable d, OutputStream out, Context context) throws IOException {
        String script = env().get("TEST_SCRIPT");
        if (!SCRIPTS.contains(script)) {
            throw new IllegalArgumentException("TEST_SCRIPT must be one of " + SCRIPTS + ", got " + script);
        }
        switch (script) {
            case "steps" -> steps(d, out);
            case "wait" -> waitOnce(d, out);
            case "callback" -> callback(d, out);
            case "retry" -> retry(d, out);
            case "invoker" -> invoker(d, out);
            case "bigState" -> bigState(d, out);
        }
    }

    /** N sequential steps, each adding its number to the running value; each step checkpoints START+SUCCEED. */
    private static void steps(RawDurable d, OutputStream out) throws IOException {
        JsonNode input = d.input();
        if (input.has("failWith")) {
            RawDurable.failed(out, "WorkflowError", input.get("failWith").asText());
            return;
        }
        long value = d.sequentialSteps("step-", input.path("steps").asInt(3), input.path("base").asLong(0),
                Long::parseLong, (i, id, op, before) -> {
                    long after = before + i;
                    d.checkpoint(Updates.stepStart(id, "step" + i),
                            Updates.stepSucceed(id, "step" + i, Long.toString(after)));
                    return after;
                });
        RawDurable.succeeded(out, Long.toString(value));
    }

    /** One wait of {@code seconds}; suspends (PENDING) until the service completes it. */
    private static void waitOnce(RawDurable d, OutputStream out) throws IOException {
        int seconds = d.input().path("seconds").asInt(5);
        Operation op = d.op("wait-1");
        if (op == null) {
            d.checkpoint(Updates.waitStart("wait-1", "pause", seconds));
            op = d.op("wait-1");
        }
        if (op.statusAsString().equals("SUCCEEDED")) {
            RawDurable.succeeded(out, "\"waited\"");
        } else {
            RawDurable.pending(out);
        }
    }

    /** Creates a callback and suspends until an outside caller completes it (or it times out). */
    private static void callback(RawDurable d, OutputStream out) throws IOException {
        JsonNode input = d.input();
        Operation op = d.op("cb-1");
        if (op == null) {
            Integer timeout = input.has("timeout") ? input.get("timeout").asInt() : null;
            Integer heartbeat = input.has("heartbeat") ? input.get("heartbeat").asInt() : null;
            d.checkpoint(Updates.callbackStart("cb-1", "approval", timeout, heartbeat));
            op = d.op("cb-1");
            if (op.callbackDetails() == null || op.callbackDetails().callbackId() == null) {
                throw new IllegalStateException("the START response did not carry the CallbackId");
            }
        }
        switch (op.statusAsString()) {
            case "SUCCEEDED" -> RawDurable.succeeded(out, op.callbackDetails().result());
            case "FAILED", "TIMED_OUT" -> RawDurable.failed(out, op.callbackDetails().error().errorType(),
                    op.statusAsString() + ": " + op.callbackDetails().error().errorMessage());
            default -> RawDurable.pending(out);
        }
    }

    /** A step that fails {@code failures} times (RETRY with a delay) and then succeeds. */
    private static void retry(RawDurable d, OutputStream out) throws IOException {
        int failures = d.input().path("failures").asInt(1);
        int delay = d.input().path("delay").asInt(1);
        Operation op = d.op("flaky");
        String status = op == null ? "NEW" : op.statusAsString();
        switch (status) {
            case "NEW", "READY" -> {
                int attempt = (op == null ? 0 : op.stepDetails().attempt()) + 1;
                if (attempt <= failures) {
                    d.checkpoint(Updates.stepStart("flaky", "flaky"), Updates.stepRetry("flaky", "flaky",
                            "TransientError", "attempt " + attempt + " failed", delay));
                    RawDurable.pending(out);
                } else {
                    d.checkpoint(Updates.stepStart("flaky", "flaky"),
                            Updates.stepSucceed("flaky", "flaky", "\"ok after " + attempt + "\""));
                    RawDurable.succeeded(out, d.op("flaky").stepDetails().result());
                }
            }
            case "SUCCEEDED" -> RawDurable.succeeded(out, op.stepDetails().result());
            default -> RawDurable.pending(out);
        }
    }

    /** A chained invoke of {@code target} with {@code payload}; returns the target's result. */
    private static void invoker(RawDurable d, OutputStream out) throws IOException {
        JsonNode input = d.input();
        Operation op = d.op("invoke-1");
        if (op == null) {
            // no "payload" member: a chained invoke without a payload
            d.checkpoint(Updates.invokeStart("invoke-1", "call", input.get("target").asText(),
                    input.has("payload") ? RawDurable.JSON.writeValueAsString(input.get("payload")) : null));
            op = d.op("invoke-1");
        }
        switch (op.statusAsString()) {
            case "SUCCEEDED" -> RawDurable.succeeded(out, op.chainedInvokeDetails().result());
            case "FAILED", "TIMED_OUT", "STOPPED" -> RawDurable.failed(out,
                    op.chainedInvokeDetails().error().errorType(),
                    op.statusAsString() + ": " + op.chainedInvokeDetails().error().errorMessage());
            default -> RawDurable.pending(out);
        }
    }

    /**
    * Checkpoints {@code ops} steps with {@code size}-character results, then waits, so the replay's
    * InitialExecutionState is too large for one page; the replay reports the page sizes it read.
    */
    private static void bigState(RawDurable d, OutputStream out) throws IOException {
        int n = d.input().path("ops").asInt(30);
        int size = d.input().path("size").asInt(200_000);
        boolean oneBatch = d.input().path("oneBatch").asBoolean(false);
        Operation wait = d.op("big-wait");
        boolean deltaPaged = false;
        if (wait == null) {
            List<OperationUpdate> batch = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                String id = "big-" + i;
                batch.add(Updates.stepStart(id, id));
                batch.add(Updates.stepSucceed(id, id, "\"" + "y".repeat(size - 2) + "\""));
                if (!oneBatch) {
                    d.checkpoint(batch);
                    batch.clear();
                }
            }
            if (oneBatch) {
                deltaPaged = d.checkpoint(batch).newExecutionState().nextMarker() != null;
            }
            d.checkpoint(Updates.waitStart("big-wait", "big-wait", 1));
            wait = d.op("big-wait");
        }
        if (!wait.statusAsString().equals("SUCCEEDED") && !oneBatch) {
            RawDurable.pending(out);
            return;
        }
        int complete = 0;
        for (int i = 1; i <= n; i++) {
            Operation op = d.op("big-" + i);
            if (op != null && op.stepDetails().result().length() == size) {
                complete++;
            }
        }
        ObjectNode result = RawDurable.JSON.createObjectNode();
        result.put("complete", complete);
        result.put("deltaPaged", deltaPaged);
        ArrayNode pages = result.putArray("pages");
        d.initialPages.forEach(pages::add);
        RawDurable.succeeded(out, RawDurable.JSON.writeValueAsString(result));
    }
}
