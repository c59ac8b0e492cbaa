package io.durablebench.durable.execution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.durable.InvocationTimings;
import io.durablebench.durable.RuntimeMetricsSnapshot;

/**
 * The one structured line a durable invocation logs about its own work: its counts, and where its time
 * went ({@link InvocationTimings}, each {@code ...Nanos} field as {@code ...Ms} in milliseconds).
 */
public final class InvocationMetricsLine {
    public static final String TYPE = "durable-invocation-metrics";
    private static final ObjectMapper JSON = new ObjectMapper();

    private InvocationMetricsLine() {
    }

    public static String line(String function, String requestId, DurableExecutor.Result result, double durationMs) {
        RuntimeMetricsSnapshot m = result.metrics();
        ObjectNode n = JSON.createObjectNode().put("type", TYPE).put("function", function).put("requestId", requestId)
                .put("executionArn", result.executionArn()).put("status", result.status())
                .put("durationMs", Math.round(durationMs * 1000) / 1000.0)
                .put("checkpointCalls", m.checkpointCalls()).put("pollCalls", m.pollCalls())
                .put("stateCalls", m.stateCalls()).put("operationUpdates", m.operationUpdates())
                .put("checkpointBytes", m.checkpointBytes()).put("replayedOperations", m.replayedOperations())
                .put("executedOperations", m.executedOperations())
                .put("inOperationsMs", ms(m.inOperationsNanos()));
        InvocationTimings t = m.timings();
        n.put("startupMs", ms(t.startupNanos())).put("handlerMs", ms(t.handlerNanos()))
                .put("finishMs", ms(t.finishNanos())).put("replayMs", ms(t.replayNanos()))
                .put("userCodeMs", ms(t.userCodeNanos())).put("checkpointCallMs", ms(t.checkpointCallNanos()))
                .put("sdkMarshallingMs", ms(t.sdkMarshallingNanos())).put("sdkSigningMs", ms(t.sdkSigningNanos()))
                .put("sdkHttpMs", ms(t.sdkHttpNanos())).put("sdkUnmarshallingMs", ms(t.sdkUnmarshallingNanos()))
                .put("stateCallMs", ms(t.stateCallNanos())).put("queuedBehindCallMs", ms(t.queuedBehindCallNanos()))
                .put("batchingWaitMs", ms(t.batchingWaitNanos())).put("handOffMs", ms(t.handOffNanos()));
        return n.toString();
    }

    /** Milliseconds with microsecond resolution. */
    private static double ms(long nanos) {
        return Math.round(nanos / 1e3) / 1000.0;
    }

    public static void emit(String function, String requestId, DurableExecutor.Result result, double durationMs) {
        System.out.println(line(function, requestId, result, durationMs));
    }
}
