package io.durablebench.durable.execution;

import com.amazonaws.services.lambda.runtime.Context;
import io.durablebench.durable.DurableConfig;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.RuntimeMetricsSnapshot;
import io.durablebench.durable.TypeToken;
import io.durablebench.durable.exception.CheckpointException;
import io.durablebench.durable.exception.InvalidEventException;
import io.durablebench.durable.exception.NonDeterministicExecutionException;
import io.durablebench.durable.exception.SerDesException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.lambda.model.ErrorObject;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationAction;
import software.amazon.awssdk.services.lambda.model.OperationType;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;

/**
 * Runs one invocation of a durable handler: reads the event, loads the whole log, runs the handler
 * on a thread of the invocation, and turns how it ended into the output the service expects
 * (SUCCEEDED with the result, FAILED with the error, PENDING), or throws when Lambda should retry
 * the invocation (service throttling or errors, a stale token).
 */
public final class DurableExecutor {
    /** Lambda's response limit minus a margin: larger results are checkpointed instead. */
    static final int MAX_INLINE_RESULT_BYTES = 6 * 1024 * 1024 - 50;

    private DurableExecutor() {
    }

    /** The output bytes, and what the invocation did. */
    public record Result(byte[] output, String status, RuntimeMetricsSnapshot metrics, String executionArn) {
    }

    public static <I, O> Result run(InputStream input, Context lambdaContext, DurableConfig config, TypeToken<I> inputType,
                                    BiFunction<I, DurableContext, O> handler) {
        long began = System.nanoTime();
        InvocationEvent event;
        try {
            event = EventCodec.read(input);
        } catch (InvalidEventException e) {
            // Not a durable invocation at all (or unreadable): there is no execution to fail.
            throw e;
        }
        InvocationRuntime runtime = new InvocationRuntime(config.client(), event, config);
        if (event.unreadableLog() != null) {
            return failed(runtime, Errors.of(InvalidEventException.class.getName(), event.unreadableLog()));
        }
        try {
            runtime.loadRemainingPages(event.nextMarker());
        } catch (CheckpointException e) {
            if (e.isRetryable()) {
                throw e;
            }
            return failed(runtime, Errors.of("CheckpointFailed", e.getMessage()));
        }
        Operation execution = runtime.operation(event.executionOperationId());
        if (execution == null || execution.type() != OperationType.EXECUTION) {
            return failed(runtime, Errors.of(InvalidEventException.class.getName(), "the log has no EXECUTION operation "
                    + "with id " + event.executionOperationId() + " (the last segment of the execution ARN)"));
        }
        I in;
        try {
            String payload = execution.executionDetails() == null ? null : execution.executionDetails().inputPayload();
            in = config.serDes().deserialize(payload, inputType);
        } catch (SerDesException e) {
            return failed(runtime, Errors.of(e));
        }
        DurableContextImpl root = new DurableContextImpl(runtime, null, null, lambdaContext, config.serDes());
        runtime.start();
        TimingRecorder timings = runtime.timings();
        boolean replaying = runtime.isReplaying();
        long startup = System.nanoTime() - began;
        runtime.startThread(() -> {
            timings.handlerStarted(System.nanoTime(), startup, replaying);
            O out;
            try {
                out = handler.apply(in, root);
            } catch (SuspendSignal ended) {
                throw ended;
            } catch (NonDeterministicExecutionException e) {
                timings.handlerEnded(System.nanoTime());
                runtime.failExecution(Errors.of(e));
                return;
            } catch (Throwable t) {
                if (t instanceof Error && !(t instanceof AssertionError)) {
                    throw t;
                }
                long ended = System.nanoTime();
                timings.handlerEnded(ended);
                runtime.flush();
                timings.finished(System.nanoTime() - ended);
                runtime.failExecution(Errors.of(t));
                return;
            }
            long ended = System.nanoTime();
            timings.handlerEnded(ended);
            String result = config.serDes().serialize(out);
            runtime.flush();
            if (result != null && result.getBytes(StandardCharsets.UTF_8).length > MAX_INLINE_RESULT_BYTES) {
                runtime.checkpoint(OperationUpdate.builder().id(execution.id()).type(OperationType.EXECUTION)
                        .action(OperationAction.SUCCEED).payload(result).build());
                result = "";
            }
            timings.finished(System.nanoTime() - ended);
            runtime.finish(new Outcome.Succeeded(result));
        });
        Outcome outcome = runtime.awaitOutcome();
        runtime.close();
        RuntimeMetricsSnapshot metrics = runtime.metrics();
        if (outcome instanceof Outcome.Succeeded s) {
            return new Result(EventCodec.succeeded(s.result()), "SUCCEEDED", metrics, event.executionArn());
        }
        if (outcome instanceof Outcome.Failed f) {
            return new Result(EventCodec.failed(f.error()), "FAILED", metrics, event.executionArn());
        }
        if (outcome instanceof Outcome.Pending) {
            return new Result(EventCodec.pending(), "PENDING", metrics, event.executionArn());
        }
        if (outcome instanceof Outcome.Crashed c) {
            throw c.error();
        }
        throw ((Outcome.Retry) outcome).cause();
    }

    private static Result failed(InvocationRuntime runtime, ErrorObject error) {
        return new Result(EventCodec.failed(error), "FAILED", runtime.metrics(), runtime.executionArn());
    }
}
