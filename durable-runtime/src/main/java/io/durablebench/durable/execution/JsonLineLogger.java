package io.durablebench.durable.execution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.durable.DurableLogger;
import java.io.PrintStream;
import java.time.Instant;

/**
 * One JSON line per message on standard output (CloudWatch Logs on Lambda), tagged with the
 * execution and operation; silent while the invocation replays (that code logged the first time).
 */
record JsonLineLogger(InvocationRuntime runtime, String operationId, boolean suppressWhileReplaying)
        implements DurableLogger {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void write(Level level, String message) {
        if (suppressWhileReplaying && runtime.isReplaying()) {
            return;
        }
        ObjectNode line = JSON.createObjectNode().put("timestamp", Instant.now().toString()).put("level", level.name())
                .put("message", message).put("executionArn", runtime.executionArn());
        if (operationId != null) {
            line.put("operationId", operationId);
        }
        PrintStream out = System.out;
        out.println(line);
    }
}
