package io.durablebench.conformance.backend;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the conformance suite runs: a durable execution service (AWS's emulator now, the project's
 * own local Lambda service later) that invokes handlers hosted in this JVM. Everything the suite
 * needs from a service is here, so a second service is one more implementation.
 */
public interface DurableBackend extends AutoCloseable {

    /** Short name, used in reports and to scope entries of DECLINED.md (e.g. {@code dex-local-runner}). */
    String name();

    /** The environment a hosted durable handler needs to reach this service's checkpoint API. */
    Map<String, String> functionEnvironment();

    /** Makes {@code functionName} a durable function served by a fresh handler from {@code handlers} per invocation. */
    void deploy(String functionName, Supplier<RequestStreamHandler> handlers);

    /** Starts an execution (asynchronously) with {@code inputJson} (null: no input); returns its ARN. */
    String startExecution(String functionName, String inputJson);

    /** The execution as the service describes it now. */
    ExecutionState describe(String executionArn);

    /** The execution's history: the history API's raw events (UpperCamelCase fields), with payloads. */
    List<JsonNode> history(String executionArn);

    /** Stops a running execution (a no-op for a finished one). */
    void stop(String executionArn);

    /** Waits until the execution is no longer RUNNING, polling {@link #describe}. */
    default ExecutionState awaitCompletion(String executionArn, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ExecutionState s = describe(executionArn);
            if (!s.status().equals("RUNNING")) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("execution " + executionArn + " still RUNNING after " + timeout);
            }
            WireReads.sleep(250);
        }
    }

    /** Recent lines of the service's own log, for failure reports. */
    default String logTail() {
        return "";
    }

    @Override
    void close();

    /**
     * What the service says about an execution.
     *
     * @param status SUCCEEDED, FAILED, TIMED_OUT, STOPPED or RUNNING
     * @param result the result's JSON text (null when none)
     * @param error  the error object in the API's shape ({@code ErrorType}, {@code ErrorMessage}, ...), or null
     */
    record ExecutionState(String status, String result, JsonNode error) {
    }
}
