package io.durablebench.durable.execution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.durable.RuntimeMetricsSnapshot;

/** The one structured line a durable invocation logs about its own work. */
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
                .put("inOperationsMs", Math.round(m.inOperationsNanos() / 1e3) / 1000.0);
        return n.toString();
    }

    public static void emit(String function, String requestId, DurableExecutor.Result result, double durationMs) {
        System.out.println(line(function, requestId, result, durationMs));
    }
}
