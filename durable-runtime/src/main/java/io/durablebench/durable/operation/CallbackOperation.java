package io.durablebench.durable.operation;

import io.durablebench.durable.DurableCallbackFuture;
import io.durablebench.durable.TypeToken;
import io.durablebench.durable.config.CallbackConfig;
import io.durablebench.durable.exception.CallbackFailedException;
import io.durablebench.durable.exception.CallbackTimeoutException;
import io.durablebench.durable.exception.DurableExecutionException;
import io.durablebench.durable.execution.DurableFutureImpl;
import io.durablebench.durable.execution.Errors;
import io.durablebench.durable.execution.InvocationRuntime;
import io.durablebench.durable.serde.SerDes;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.lambda.model.CallbackOptions;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationAction;
import software.amazon.awssdk.services.lambda.model.OperationStatus;
import software.amazon.awssdk.services.lambda.model.OperationType;

/**
 * A callback (CALLBACK / {@code Callback}): START (acknowledged, because the service assigns the
 * callback id and returns it in the new state), then wait for an outside system to complete it with
 * SendDurableExecutionCallbackSuccess / Failure, or for it to time out.
 */
public final class CallbackOperation<T> {
    static final String SUB_TYPE = "Callback";

    private final InvocationRuntime runtime;
    private final Updates.OperationRef ref;
    private final TypeToken<T> type;
    private final CallbackConfig config;
    private final SerDes serDes;

    public CallbackOperation(InvocationRuntime runtime, String id, String parentId, String name, TypeToken<T> type,
                             CallbackConfig config, SerDes defaultSerDes) {
        this.runtime = runtime;
        this.ref = new Updates.OperationRef(id, parentId, name, OperationType.CALLBACK, SUB_TYPE);
        this.type = type;
        this.config = config == null ? CallbackConfig.DEFAULT : config;
        this.serDes = this.config.serDes() != null ? this.config.serDes() : defaultSerDes;
    }

    /** Starts the callback (or finds it in the log) and returns its future; does not wait for the result. */
    public DurableCallbackFuture<T> create() {
        Operation op = OperationSupport.existing(runtime, ref);
        if (op == null) {
            runtime.executing();
            CallbackOptions.Builder options = CallbackOptions.builder();
            if (config.timeout() != null) {
                options.timeoutSeconds((int) config.timeout().toSeconds());
            }
            if (config.heartbeatTimeout() != null) {
                options.heartbeatTimeoutSeconds((int) config.heartbeatTimeout().toSeconds());
            }
            runtime.checkpoint(Updates.of(ref, OperationAction.START).callbackOptions(options.build()).build());
            op = runtime.operation(ref.id());
        } else if (op.status() == OperationStatus.STARTED) {
            runtime.executing();
        } else {
            runtime.replayed();
        }
        if (op == null || op.callbackDetails() == null || op.callbackDetails().callbackId() == null) {
            throw new DurableExecutionException("the service did not return a callback id for "
                    + OperationSupport.label("callback", ref.name()));
        }
        String callbackId = op.callbackDetails().callbackId();
        CompletableFuture<T> result = new CompletableFuture<>();
        if (op.status() != OperationStatus.STARTED) {
            complete(result, op);
            return new CallbackFuture<>(runtime, result, callbackId);
        }
        return new CallbackFuture<>(runtime, result, callbackId) {
            @Override
            public T get() {
                if (!result.isDone()) {
                    Operation done = runtime.awaitOperation(ref.id(), o -> o != null && o.status() != OperationStatus.STARTED, null);
                    complete(result, done);
                }
                return super.get();
            }

            @Override
            public boolean isDone() {
                Operation o = runtime.operation(ref.id());
                return result.isDone() || (o != null && o.status() != OperationStatus.STARTED);
            }
        };
    }

    private void complete(CompletableFuture<T> result, Operation op) {
        var details = op.callbackDetails();
        switch (op.status()) {
            case SUCCEEDED -> {
                try {
                    result.complete(serDes.deserialize(details == null ? null : details.result(), type));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
            case TIMED_OUT -> result.completeExceptionally(new CallbackTimeoutException(
                    OperationSupport.label("callback", ref.name()) + " timed out", ref.name(),
                    details == null ? null : details.error(), null));
            default -> result.completeExceptionally(new CallbackFailedException(
                    OperationSupport.label("callback", ref.name()) + " failed: "
                            + Errors.describe(details == null ? null : details.error()),
                    ref.name(), details == null ? null : details.error(), null));
        }
    }

    /** A callback's future: a durable future that also knows the callback's id. */
    private static class CallbackFuture<T> extends DurableFutureImpl<T> implements DurableCallbackFuture<T> {
        private final String callbackId;

        CallbackFuture(InvocationRuntime runtime, CompletableFuture<T> result, String callbackId) {
            super(runtime, result);
            this.callbackId = callbackId;
        }

        @Override
        public String callbackId() {
            return callbackId;
        }
    }
}
