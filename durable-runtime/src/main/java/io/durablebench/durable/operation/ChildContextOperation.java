package io.durablebench.durable.operation;

import io.durablebench.durable.DurableContext;
import io.durablebench.durable.TypeToken;
import io.durablebench.durable.exception.ChildContextFailedException;
import io.durablebench.durable.execution.Errors;
import io.durablebench.durable.execution.InvocationRuntime;
import io.durablebench.durable.serde.SerDes;
import java.util.function.Function;
import software.amazon.awssdk.services.lambda.model.ContextOptions;
import software.amazon.awssdk.services.lambda.model.ErrorObject;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationAction;
import software.amazon.awssdk.services.lambda.model.OperationStatus;
import software.amazon.awssdk.services.lambda.model.OperationType;

/**
 * A child context (CONTEXT): a body with its own operation numbering whose result is checkpointed
 * as one value. Used for {@code runInChildContext} (SubType RunInChildContext), map items
 * (MapIteration), parallel branches (ParallelBranch) and waitForCallback (WaitForCallback).
 *
 * <p>START is queued without waiting (the service needs the parent before its children, and the
 * single ordered queue guarantees that). A result over the per-operation limit is checkpointed as
 * an empty payload with {@code ReplayChildren=true}: later invocations re-run the body, whose own
 * operations then replay from the log. A SUCCEEDED context without that flag returns its recorded
 * result without running the body at all.
 */
public final class ChildContextOperation<T> {
    private final InvocationRuntime runtime;
    private final Updates.OperationRef ref;
    private final TypeToken<T> type;
    private final Function<DurableContext, T> body;
    private final Function<String, DurableContext> childContexts;
    private final SerDes serDes;

    public ChildContextOperation(InvocationRuntime runtime, String id, String parentId, String name, String subType,
                                 TypeToken<T> type, Function<DurableContext, T> body,
                                 Function<String, DurableContext> childContexts, SerDes serDes) {
        this.runtime = runtime;
        this.ref = new Updates.OperationRef(id, parentId, name, OperationType.CONTEXT, subType);
        this.type = type;
        this.body = body;
        this.childContexts = childContexts;
        this.serDes = serDes;
    }

    public T run() {
        Operation op = OperationSupport.existing(runtime, ref);
        boolean replayChildren = op != null && op.contextDetails() != null
                && Boolean.TRUE.equals(op.contextDetails().replayChildren());
        if (op != null && op.status() == OperationStatus.SUCCEEDED && !replayChildren) {
            runtime.replayed();
            return serDes.deserialize(op.contextDetails() == null ? null : op.contextDetails().result(), type);
        }
        if (op != null && op.status() != OperationStatus.SUCCEEDED && op.status() != OperationStatus.STARTED) {
            runtime.replayed();
            throw failure(op.contextDetails() == null ? null : op.contextDetails().error(), null);
        }
        boolean replayOnly = op != null && op.status() == OperationStatus.SUCCEEDED;
        runtime.registerContext(ref.id(), ref.parentId());
        if (op == null) {
            runtime.executing();
            runtime.enqueue(Updates.of(ref, OperationAction.START).build());
        } else if (replayOnly) {
            runtime.replayed();
        }
        T result;
        try {
            result = body.apply(childContexts.apply(ref.id()));
        } catch (Throwable t) {
            OperationSupport.rethrowUnlessUserFailure(t);
            ErrorObject error = Errors.of(t);
            if (!replayOnly) {
                runtime.checkpoint(Updates.of(ref, OperationAction.FAIL).error(error).build());
            }
            throw failure(error, t);
        }
        if (replayOnly) {
            return result;
        }
        String payload = serDes.serialize(result);
        if (OperationSupport.bytes(payload) > InvocationRuntime.MAX_OPERATION_PAYLOAD_BYTES) {
            runtime.checkpoint(Updates.of(ref, OperationAction.SUCCEED).payload("")
                    .contextOptions(ContextOptions.builder().replayChildren(true).build()).build());
            return result;
        }
        runtime.checkpoint(Updates.of(ref, OperationAction.SUCCEED).payload(payload).build());
        return serDes.deserialize(payload, type);
    }

    private ChildContextFailedException failure(ErrorObject error, Throwable cause) {
        return new ChildContextFailedException(OperationSupport.label("child context", ref.name()) + " failed: "
                + Errors.describe(error), ref.name(), error, cause);
    }
}
