package io.durablebench.locallambda;

import static io.durablebench.locallambda.LocalLambdaTestSupport.await;
import static io.durablebench.locallambda.LocalLambdaTestSupport.client;
import static io.durablebench.locallambda.LocalLambdaTestSupport.config;
import static io.durablebench.locallambda.LocalLambdaTestSupport.startAsync;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.locallambda.testfn.RawDurable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionHistoryResponse;
import software.amazon.awssdk.services.lambda.model.Operation;

/**
 * Every member of every durable API response in the AWS SDK's {@code lambda} model (the version
 * the root pom pins) is filled by local-lambda in at least one answer of a run that exercises
 * every operation kind and outcome, unless it is listed in {@link #ABSENT} with the reason. The
 * members come from the SDK's own model ({@code sdkFields()}, recursively), so a newer pinned SDK
 * adds its new members here by itself. Members of the invocation event's operations (not an SDK
 * response) are checked by name against the model's {@code Operation}.
 */
class ResponseMembersTest {
    /** Members local-lambda never fills, and why. */
    private static final Map<String, String> ABSENT = Map.of(
            "GetDurableExecutionResponse.TraceHeader", "no X-Ray tracing locally",
            "TraceHeader.XAmznTraceId", "no X-Ray tracing locally",
            "InvokeResponse.LogResult", "LogType Tail (the last 4 KB of the function's log) is not served");

    private final Map<String, Set<String>> filled = new TreeMap<>();
    private final Set<String> all = new TreeSet<>();

    @Test
    void everyResponseMemberIsFilledSomewhereOrListedAsAbsent() throws Exception {
        RawDurable.RESPONSES.clear();
        RawDurable.EVENTS.clear();
        // real time: the 3600 s waits and retry delays stay pending, the 1-2 s timeouts happen; pages of
        // three operations, so that a checkpoint response is paged (NextMarker)
        try (LocalLambda lambda = LocalLambda.start(config().skipTime(false).durableOptions(
                new io.durablebench.locallambda.durable.DurableService.Options(3, 3, Duration.ofMillis(200), 3,
                        5 * 1024 * 1024)).build());
             LambdaClient client = client(lambda.endpoint())) {
            List<SdkPojo> answers = new ArrayList<>(exercise(client));
            answers.addAll(RawDurable.RESPONSES);
            for (SdkPojo answer : answers) {
                declare(answer);
                walk(answer);
            }
        }
        // the invocation events: their operations use the model's Operation member names
        for (JsonNode event : RawDurable.EVENTS) {
            event.path("InitialExecutionState").path("Operations").forEach(op -> walkJson(op, Operation.builder()));
        }
        Set<String> missing = new TreeSet<>(all);
        missing.removeAll(filled.keySet());
        missing.removeAll(ABSENT.keySet());
        assertThat(missing).as("members local-lambda never filled in %d answers", answers()).isEmpty();
        // an allow-listed member that is filled after all must leave the list
        assertThat(ABSENT.keySet()).allSatisfy(m -> assertThat(all).contains(m)).noneMatch(filled::containsKey);
    }

    private int answers() {
        return RawDurable.RESPONSES.size();
    }

    /** Runs executions covering every operation kind and ending; returns what the caller's client got. */
    private static List<SdkPojo> exercise(LambdaClient client) throws Exception {
        List<SdkPojo> got = new ArrayList<>();
        String probe = "{\"batches\":["
                + batch(op("ctx", "CONTEXT", "RunInChildContext", "START", null),
                        op("s1", "STEP", "Step", "START", "\"ParentId\":\"ctx\""),
                        op("s1", "STEP", "Step", "SUCCEED", "\"ParentId\":\"ctx\",\"Payload\":\"1\""),
                        op("ctx", "CONTEXT", "RunInChildContext", "SUCCEED",
                                "\"Payload\":\"2\",\"ContextOptions\":{\"ReplayChildren\":true}")) + ","
                + batch(op("p1", "STEP", "Step", "SUCCEED", "\"Payload\":\"1\""),
                        op("p2", "STEP", "Step", "SUCCEED", "\"Payload\":\"2\""),
                        op("p3", "STEP", "Step", "SUCCEED", "\"Payload\":\"3\""),
                        op("p4", "STEP", "Step", "SUCCEED", "\"Payload\":\"4\"")) + ","
                + batch(op("cf", "CONTEXT", "RunInChildContext", "START", null),
                        op("cf", "CONTEXT", "RunInChildContext", "FAIL", error())) + ","
                + batch(op("sf", "STEP", "Step", "START", null), op("sf", "STEP", "Step", "FAIL", error())) + ","
                + batch(op("sr", "STEP", "Step", "START", null), op("sr", "STEP", "Step", "RETRY",
                        error() + ",\"StepOptions\":{\"NextAttemptDelaySeconds\":3600}")) + ","
                + batch(op("w", "WAIT", "Wait", "START", "\"WaitOptions\":{\"WaitSeconds\":3600}")) + ","
                + batch(op("w", "WAIT", "Wait", "CANCEL", error())) + ","
                + batch(op("w2", "WAIT", "Wait", "START", "\"WaitOptions\":{\"WaitSeconds\":1}")) + ","
                + batch(op("cb", "CALLBACK", "Callback", "START", "\"CallbackOptions\":{\"TimeoutSeconds\":3600,"
                        + "\"HeartbeatTimeoutSeconds\":3600}")) + ","
                + batch(op("ci", "CHAINED_INVOKE", "ChainedInvoke", "START",
                        "\"Payload\":\"{}\",\"ChainedInvokeOptions\":{\"FunctionName\":\"EchoFunction\","
                                + "\"TenantId\":\"tenant-1\"}")) + ","
                + "{\"sleep\":1500}," + batch() + ",{\"state\":{\"maxItems\":3}}]}";
        String probeArn = startAsync(client, "ProbeFunction:$LATEST", probe, "tour-probe");
        // outcomes of every kind, started together so the real-time ones (timeouts) overlap
        String callbackOk = startAsync(client, "CallbackFunction:$LATEST", "{}", "tour-cb-ok");
        String callbackFail = startAsync(client, "CallbackFunction:$LATEST", "{}", "tour-cb-fail");
        String callbackTimeout = startAsync(client, "CallbackFunction:$LATEST", "{\"timeout\":1}", "tour-cb-timeout");
        String timedOut = startAsync(client, "ShortTimeoutFunction:$LATEST", "{\"seconds\":3600}", "tour-timeout");
        String invokeTimedOut = startAsync(client, "InvokerFunction:$LATEST",
                "{\"target\":\"SlowFunction\",\"payload\":{\"sleepMillis\":3000}}", "tour-invoke-timeout");
        String invokeFailed = startAsync(client, "InvokerFunction:$LATEST",
                "{\"target\":\"EchoFunction\",\"payload\":{\"fail\":\"no\"}}", "tour-invoke-failed");
        String invokeStopped = startAsync(client, "InvokerFunction:$LATEST",
                "{\"target\":\"WaitFunction:$LATEST\",\"payload\":{\"seconds\":3600}}", "tour-invoke-stopped");
        String durableChild = startAsync(client, "InvokerFunction:$LATEST",
                "{\"target\":\"StepsFunction:live\",\"payload\":{\"steps\":1}}", "tour-invoke-child");
        String stopped = startAsync(client, "WaitFunction:$LATEST", "{\"seconds\":3600}", "tour-stop");
        String thrown = startAsync(client, "ThrowingFunction:$LATEST", "{}", "tour-throw");
        got.add(client.invoke(b -> b.functionName("StepsFunction:live").payload(SdkBytes.fromUtf8String("{\"steps\":2}"))));
        got.add(client.invoke(b -> b.functionName("StepsFunction:live")
                .payload(SdkBytes.fromUtf8String("{\"failWith\":\"bad\"}"))));
        String okId = callbackId(client, callbackOk);
        String failId = callbackId(client, callbackFail);
        got.add(client.sendDurableExecutionCallbackSuccess(b -> b.callbackId(okId)
                .result(SdkBytes.fromUtf8String("\"yes\""))));
        got.add(client.sendDurableExecutionCallbackHeartbeat(b -> b.callbackId(failId)));
        got.add(client.sendDurableExecutionCallbackFailure(b -> b.callbackId(failId)
                .error(e -> e.errorType("Rejected").errorMessage("no").errorData("{}").stackTrace("at x"))));
        await("the chained child to wait", Duration.ofSeconds(30), () -> childOf(client, invokeStopped) != null);
        got.add(client.stopDurableExecution(b -> b.durableExecutionArn(childOf(client, invokeStopped))));
        got.add(client.stopDurableExecution(b -> b.durableExecutionArn(stopped).error(e -> e.errorMessage("enough"))));
        List<String> arns = List.of(probeArn, callbackOk, callbackFail, callbackTimeout, timedOut, invokeTimedOut,
                invokeFailed, invokeStopped, durableChild, stopped, thrown);
        for (String arn : arns) {
            await(arn, Duration.ofSeconds(60),
                    () -> client.getDurableExecution(b -> b.durableExecutionArn(arn)).status() != ExecutionStatus.RUNNING);
            got.add(client.getDurableExecution(b -> b.durableExecutionArn(arn)));
            String marker = null;
            do {
                String m = marker;
                GetDurableExecutionHistoryResponse page = client.getDurableExecutionHistory(b -> b
                        .durableExecutionArn(arn).includeExecutionData(true).maxItems(50).marker(m));
                got.add(page);
                marker = page.nextMarker();
            } while (marker != null);
        }
        got.add(client.getDurableExecutionHistory(b -> b.durableExecutionArn(probeArn).maxItems(1)));
        got.add(client.listDurableExecutionsByFunction(b -> b.functionName("CallbackFunction").maxItems(1)));
        return got;
    }

    private static String callbackId(LambdaClient client, String arn) throws InterruptedException {
        String[] id = new String[1];
        await("the callback of " + arn, Duration.ofSeconds(30), () -> {
            id[0] = LocalLambdaTestSupport.history(client, arn, true).stream()
                    .filter(e -> e.callbackStartedDetails() != null).map(e -> e.callbackStartedDetails().callbackId())
                    .findFirst().orElse(null);
            return id[0] != null;
        });
        return id[0];
    }

    private static String childOf(LambdaClient client, String arn) {
        return LocalLambdaTestSupport.history(client, arn, true).stream()
                .filter(e -> e.chainedInvokeStartedDetails() != null
                        && e.chainedInvokeStartedDetails().durableExecutionArn() != null)
                .map(e -> e.chainedInvokeStartedDetails().durableExecutionArn()).findFirst().orElse(null);
    }

    private static String batch(String... updates) {
        return "{\"updates\":[" + String.join(",", updates) + "]}";
    }

    private static String op(String id, String type, String subType, String action, String extra) {
        return "{\"Id\":\"" + id + "\",\"Name\":\"" + id + "\",\"Type\":\"" + type + "\",\"SubType\":\"" + subType
                + "\",\"Action\":\"" + action + "\"" + (extra == null ? "" : "," + extra) + "}";
    }

    private static String error() {
        return "\"Error\":{\"ErrorType\":\"Oops\",\"ErrorMessage\":\"it broke\"}";
    }

    // ------------------------------------------------------------------ walking the model

    private static String typeName(SdkPojo pojo) {
        Class<?> c = pojo.getClass();
        return c.getDeclaringClass() != null ? c.getDeclaringClass().getSimpleName() : c.getSimpleName();
    }

    /** Every member reachable from this response type, from the model alone. */
    private void declare(SdkPojo pojo) {
        String type = typeName(pojo);
        for (SdkField<?> f : pojo.sdkFields()) {
            if (!all.add(type + "." + f.memberName())) {
                continue;
            }
            SdkPojo inner = innerPojo(f);
            if (inner != null) {
                declare(inner);
            }
        }
    }

    private static SdkPojo innerPojo(SdkField<?> f) {
        if (f.marshallingType() == MarshallingType.SDK_POJO) {
            return f.constructor().get();
        }
        if (f.marshallingType() == MarshallingType.LIST) {
            SdkField<?> member = f.getTrait(ListTrait.class).memberFieldInfo();
            return member.marshallingType() == MarshallingType.SDK_POJO ? member.constructor().get() : null;
        }
        return null;
    }

    private void walk(SdkPojo pojo) {
        String type = typeName(pojo);
        for (SdkField<?> f : pojo.sdkFields()) {
            Object v = f.getValueOrDefault(pojo);
            if (v == null || (v instanceof Collection<?> c && c.isEmpty()) || (v instanceof Map<?, ?> m && m.isEmpty())) {
                continue;
            }
            filled.computeIfAbsent(type + "." + f.memberName(), k -> new TreeSet<>()).add(type);
            if (v instanceof SdkPojo p) {
                walk(p);
            } else if (v instanceof Collection<?> c) {
                c.stream().filter(SdkPojo.class::isInstance).forEach(e -> walk((SdkPojo) e));
            }
        }
    }

    /** An operation of an invocation event, by the model's member names (the JSON keys on the wire). */
    private void walkJson(JsonNode node, SdkPojo model) {
        declare(model);
        String type = typeName(model);
        for (SdkField<?> f : model.sdkFields()) {
            JsonNode v = node.get(f.memberName());
            if (v == null || v.isNull()) {
                continue;
            }
            filled.computeIfAbsent(type + "." + f.memberName(), k -> new TreeSet<>()).add("event");
            SdkPojo inner = innerPojo(f);
            if (inner != null && v.isObject()) {
                walkJson(v, inner);
            }
        }
    }
}
