package io.durablebench.locallambda.testfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CallbackDetails;
import software.amazon.awssdk.services.lambda.model.ChainedInvokeDetails;
import software.amazon.awssdk.services.lambda.model.CheckpointDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.ContextDetails;
import software.amazon.awssdk.services.lambda.model.ErrorObject;
import software.amazon.awssdk.services.lambda.model.ExecutionDetails;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionStateResponse;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;
import software.amazon.awssdk.services.lambda.model.StepDetails;
import software.amazon.awssdk.services.lambda.model.WaitDetails;

/**
 * The durable execution protocol spoken by hand, for test handlers: reads the invocation event
 * (epoch-millisecond timestamps, paged InitialExecutionState), checkpoints through a stock
 * {@link LambdaClient} pointed at {@code AWS_ENDPOINT_URL_LAMBDA}, keeps the newest token and
 * merges every NewExecutionState (paging through GetDurableExecutionState when needed).
 */
public final class RawDurable {
    public static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Every API response the test handlers' clients received and every invocation event they read,
     * in this JVM: what {@code ResponseMembersTest} walks (handlers run in the test's JVM).
     */
    public static final List<software.amazon.awssdk.core.SdkResponse> RESPONSES =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    public static final List<JsonNode> EVENTS = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final LambdaClient client;
    private final String arn;
    private String token;
    private final Map<String, Operation> ops = new LinkedHashMap<>();
    /** Sizes of the pages of operations read (first the event's, then GetDurableExecutionState's). */
    public final List<Integer> initialPages = new ArrayList<>();

    private RawDurable(LambdaClient client, String arn, String token) {
        this.client = client;
        this.arn = arn;
        this.token = token;
    }

    public static LambdaClient client(Map<String, String> env) {
        return LambdaClient.builder()
                .endpointOverride(URI.create(env.get("AWS_ENDPOINT_URL_LAMBDA")))
                .region(Region.of(env.get("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(
                        new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                            @Override
                            public void afterUnmarshalling(
                                    software.amazon.awssdk.core.interceptor.Context.AfterUnmarshalling context,
                                    software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                                RESPONSES.add(context.response());
                            }
                        }))
                .build();
    }

    /** Reads the invocation event and every page of its initial state (GetDurableExecutionState from NextMarker). */
    public static RawDurable begin(LambdaClient client, InputStream in) throws IOException {
        JsonNode event = JSON.readTree(in);
        EVENTS.add(event);
        RawDurable d = new RawDurable(client, event.get("DurableExecutionArn").asText(),
                event.get("CheckpointToken").asText());
        JsonNode state = event.get("InitialExecutionState");
        JsonNode page = state.get("Operations");
        d.initialPages.add(page.size());
        page.forEach(o -> d.merge(fromEvent(o)));
        String marker = text(state, "NextMarker");
        while (marker != null && !marker.isEmpty()) {
            String m = marker;
            GetDurableExecutionStateResponse r = client.getDurableExecutionState(
                    b -> b.durableExecutionArn(d.arn).checkpointToken(d.token).marker(m));
            d.initialPages.add(r.operations().size());
            r.operations().forEach(d::merge);
            marker = r.nextMarker();
        }
        return d;
    }

    public String arn() {
        return arn;
    }

    public String token() {
        return token;
    }

    public LambdaClient client() {
        return client;
    }

    public Operation op(String id) {
        return ops.get(id);
    }

    public Map<String, Operation> ops() {
        return ops;
    }

    /** Reads a step's value from its stored result. */
    public interface StoredValue {
        long read(String result) throws IOException;
    }

    /** Runs step {@code i} ({@code op}: its log entry, null when new) on {@code value}; returns the new value. */
    public interface StepRun {
        long run(int i, String id, Operation op, long value) throws IOException;
    }

    /**
     * Steps 1..{@code count}, named {@code prefix + i}, in order on a running value that starts at
     * {@code base}: a step the log has SUCCEEDED is not run again ({@code stored} reads the value
     * from its result); any other step runs. Returns the last value.
     */
    public long sequentialSteps(String prefix, int count, long base, StoredValue stored, StepRun step)
            throws IOException {
        long value = base;
        for (int i = 1; i <= count; i++) {
            String id = prefix + i;
            Operation op = ops.get(id);
            if (op != null && op.statusAsString().equals("SUCCEEDED")) {
                value = stored.read(op.stepDetails().result());
            } else {
                value = step.run(i, id, op, value);
            }
        }
        return value;
    }

    /** The execution's input, from the EXECUTION operation whose Id is the ARN's last segment. */
    public JsonNode input() throws IOException {
        Operation exec = ops.get(arn.substring(arn.lastIndexOf('/') + 1));
        return JSON.readTree(exec.executionDetails().inputPayload());
    }

    public CheckpointDurableExecutionResponse checkpoint(OperationUpdate... updates) {
        return checkpoint(Arrays.asList(updates));
    }

    public CheckpointDurableExecutionResponse checkpoint(List<OperationUpdate> updates) {
        CheckpointDurableExecutionResponse r = client.checkpointDurableExecution(
                b -> b.durableExecutionArn(arn).checkpointToken(token).updates(updates));
        token = r.checkpointToken();
        r.newExecutionState().operations().forEach(this::merge);
        String marker = r.newExecutionState().nextMarker();
        while (marker != null && !marker.isEmpty()) {
            String m = marker;
            GetDurableExecutionStateResponse page = client.getDurableExecutionState(
                    b -> b.durableExecutionArn(arn).checkpointToken(token).marker(m));
            page.operations().forEach(this::merge);
            marker = page.nextMarker();
        }
        return r;
    }

    private void merge(Operation op) {
        ops.put(op.id(), op);
    }

    // ---------------------------------------------------------------- outputs

    public static void succeeded(OutputStream out, String result) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("Status", "SUCCEEDED");
        n.put("Result", result);
        out.write(JSON.writeValueAsBytes(n));
    }

    public static void failed(OutputStream out, String type, String message) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("Status", "FAILED");
        ObjectNode e = n.putObject("Error");
        e.put("ErrorType", type);
        e.put("ErrorMessage", message);
        out.write(JSON.writeValueAsBytes(n));
    }

    public static void pending(OutputStream out) throws IOException {
        out.write("{\"Status\":\"PENDING\"}".getBytes());
    }

    // ---------------------------------------------------------------- event parsing

    /** An operation of the invocation event: UpperCamelCase members, epoch-millisecond timestamps. */
    static Operation fromEvent(JsonNode o) {
        Operation.Builder b = Operation.builder().id(o.get("Id").asText()).parentId(text(o, "ParentId"))
                .name(text(o, "Name")).type(o.get("Type").asText()).subType(text(o, "SubType"))
                .status(o.get("Status").asText()).startTimestamp(millis(o.get("StartTimestamp")))
                .endTimestamp(millis(o.get("EndTimestamp")));
        JsonNode d;
        if ((d = o.get("ExecutionDetails")) != null) {
            b.executionDetails(ExecutionDetails.builder().inputPayload(text(d, "InputPayload")).build());
        }
        if ((d = o.get("StepDetails")) != null) {
            b.stepDetails(StepDetails.builder().attempt(d.path("Attempt").asInt())
                    .nextAttemptTimestamp(millis(d.get("NextAttemptTimestamp"))).result(text(d, "Result"))
                    .error(error(d.get("Error"))).build());
        }
        if ((d = o.get("WaitDetails")) != null) {
            b.waitDetails(WaitDetails.builder().scheduledEndTimestamp(millis(d.get("ScheduledEndTimestamp"))).build());
        }
        if ((d = o.get("CallbackDetails")) != null) {
            b.callbackDetails(CallbackDetails.builder().callbackId(text(d, "CallbackId")).result(text(d, "Result"))
                    .error(error(d.get("Error"))).build());
        }
        if ((d = o.get("ChainedInvokeDetails")) != null) {
            b.chainedInvokeDetails(ChainedInvokeDetails.builder().result(text(d, "Result"))
                    .error(error(d.get("Error"))).build());
        }
        if ((d = o.get("ContextDetails")) != null) {
            b.contextDetails(ContextDetails.builder().result(text(d, "Result")).error(error(d.get("Error")))
                    .replayChildren(d.has("ReplayChildren") ? d.get("ReplayChildren").asBoolean() : null).build());
        }
        return b.build();
    }

    private static ErrorObject error(JsonNode e) {
        if (e == null || e.isNull()) {
            return null;
        }
        return ErrorObject.builder().errorType(text(e, "ErrorType")).errorMessage(text(e, "ErrorMessage"))
                .errorData(text(e, "ErrorData")).build();
    }

    private static Instant millis(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber()) {
            throw new IllegalArgumentException("event timestamp is not integer epoch millis: " + n);
        }
        return Instant.ofEpochMilli(n.asLong());
    }

    static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The input of an ordinary invocation: its JSON, or an empty object when it has no bytes. */
    public static JsonNode inputOf(byte[] bytes) throws IOException {
        return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    }

    /** Sleeps the input's {@code sleepMillis} if it names one; false when interrupted (the flag stays set). */
    public static boolean sleepIfAsked(JsonNode input) {
        if (input.has("sleepMillis")) {
            try {
                Thread.sleep(input.get("sleepMillis").asLong());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
