package io.durablebench.video.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.lambda.model.Event;

/**
 * What a durable execution cost the service, whole: every invocation, not just the last one whose
 * answer the caller sees, plus the child executions it started with chained invokes (the durable
 * chunk encoders), found in its history. Read from the local Lambda's per-execution counters
 * ({@code GET /local/executions/{arn}/metrics}); on AWS the same figures come from the executions'
 * histories (one event per operation transition and per invocation).
 *
 * @param executions       the execution and its children (recursively)
 * @param invocations      handler invocations, first runs and replays
 * @param failedInvocations invocations that crashed or timed out
 * @param checkpointCalls  CheckpointDurableExecution calls answered
 * @param updates          operation updates applied
 * @param operations       operations created (EXECUTION operations not included)
 * @param payloadBytes     bytes of checkpointed payloads and errors
 * @param requestBytes     body bytes of the checkpoint requests
 * @param stateCalls       GetDurableExecutionState calls
 */
public record ExecutionCost(int executions, long invocations, long failedInvocations, long checkpointCalls,
                            long updates, long operations, long payloadBytes, long requestBytes, long stateCalls) {

    public static ExecutionCost of(VideoTestBed bed, String executionArn) {
        JsonNode m = bed.executionMetrics(executionArn);
        ExecutionCost own = new ExecutionCost(1, m.path("Invocations").asLong(), m.path("FailedInvocations").asLong(),
                m.path("CheckpointCalls").asLong(), m.path("Updates").asLong(), m.path("OperationsStarted").asLong(),
                m.path("PayloadBytes").asLong(), m.path("CheckpointRequestBytes").asLong(), m.path("StateCalls").asLong());
        for (String child : children(bed, executionArn)) {
            own = own.plus(of(bed, child));
        }
        return own;
    }

    /**
     * One execution's own counts, without its children: what Lambda's per-execution limits apply to
     * (operations and checkpointed bytes).
     *
     * @param function the execution's function, as its ARN names it (e.g. {@code VideoSliceFunction})
     */
    public record OneExecution(String executionArn, String function, long operations, long payloadBytes,
                               long invocations) {
    }

    /** The execution and every execution it started (recursively), each with its own counts, the root first. */
    public static List<OneExecution> each(VideoTestBed bed, String executionArn) {
        List<OneExecution> out = new ArrayList<>();
        JsonNode m = bed.executionMetrics(executionArn);
        String fn = executionArn.substring(0, executionArn.indexOf("/durable-execution/"));
        fn = fn.substring(fn.indexOf(":function:") + ":function:".length());
        fn = fn.contains(":") ? fn.substring(0, fn.indexOf(':')) : fn;
        out.add(new OneExecution(executionArn, fn, m.path("OperationsStarted").asLong(), m.path("PayloadBytes").asLong(),
                m.path("Invocations").asLong()));
        for (String child : children(bed, executionArn)) {
            out.addAll(each(bed, child));
        }
        return out;
    }

    /** The child executions the execution started (chained invokes of durable functions). */
    public static List<String> children(VideoTestBed bed, String executionArn) {
        List<String> out = new ArrayList<>();
        for (Event e : bed.history(executionArn)) {
            if (e.chainedInvokeStartedDetails() != null && e.chainedInvokeStartedDetails().durableExecutionArn() != null
                    && !out.contains(e.chainedInvokeStartedDetails().durableExecutionArn())) {
                out.add(e.chainedInvokeStartedDetails().durableExecutionArn());
            }
        }
        return out;
    }

    public ExecutionCost plus(ExecutionCost o) {
        return new ExecutionCost(executions + o.executions, invocations + o.invocations,
                failedInvocations + o.failedInvocations, checkpointCalls + o.checkpointCalls, updates + o.updates,
                operations + o.operations, payloadBytes + o.payloadBytes, requestBytes + o.requestBytes,
                stateCalls + o.stateCalls);
    }
}
