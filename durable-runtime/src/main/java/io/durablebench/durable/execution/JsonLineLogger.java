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
final class JsonLineLogger implements DurableLogger {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final InvocationRuntime runtime;
    private final String operationId;
    private final boolean suppressWhileReplaying;

    JsonLineLogger(InvocationRuntime runtime, String operationId, boolean suppressWhileReplaying) {
        this.runtime = runtime;
        this.operationId = operationId;
        this.suppressWhileReplaying = suppressWhileReplaying;
    }

    @Override
    public void info(String message, Object... args) {
        log("INFO", message, args);
    }

    @Override
    public void warn(String message, Object... args) {
        log("WARN", message, args);
    }

    @Override
    public void error(String message, Object... args) {
        log("ERROR", message, args);
    }

    @Override
    public void debug(String message, Object... args) {
        log("DEBUG", message, args);
    }

    private void log(String level, String message, Object... args) {
        if (suppressWhileReplaying && runtime.isReplaying()) {
            return;
        }
        ObjectNode line = JSON.createObjectNode().put("timestamp", Instant.now().toString()).put("level", level)
                .put("message", args == null || args.length == 0 ? message : String.format(message, args))
                .put("executionArn", runtime.executionArn());
        if (operationId != null) {
            line.put("operationId", operationId);
        }
        PrintStream out = System.out;
        out.println(line);
    }
}
