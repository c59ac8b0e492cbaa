package io.durablebench.durable.operation;

import io.durablebench.durable.TypeToken;
import io.durablebench.durable.config.InvokeConfig;
import io.durablebench.durable.exception.ChainedInvokeFailedException;
import io.durablebench.durable.exception.PayloadTooLargeException;
import io.durablebench.durable.execution.Errors;
import io.durablebench.durable.execution.InvocationRuntime;
import io.durablebench.durable.serde.SerDes;
import software.amazon.awssdk.services.lambda.model.ChainedInvokeOptions;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationAction;
import software.amazon.awssdk.services.lambda.model.OperationStatus;
import software.amazon.awssdk.services.lambda.model.OperationType;

/**
 * A chained invoke (CHAINED_INVOKE / {@code ChainedInvoke}): the service invokes another function
 * with the payload and records its result; this invocation suspends meanwhile unless other work runs.
 */
public final class InvokeOperation<T> {
    static final String SUB_TYPE = "ChainedInvoke";

    private final InvocationRuntime runtime;
    private final Updates.OperationRef ref;
    private final String functionName;
    private final Object payload;
    private final TypeToken<T> type;
    private final InvokeConfig config;
    private final SerDes serDes;

    public InvokeOperation(InvocationRuntime runtime, String id, String parentId, String name, String functionName,
                           Object payload, TypeToken<T> type, InvokeConfig config, SerDes defaultSerDes) {
        if (functionName == null || functionName.isBlank()) {
            throw new IllegalArgumentException("invoke needs the name or ARN of the function to call");
        }
        this.runtime = runtime;
        this.ref = new Updates.OperationRef(id, parentId, name, OperationType.CHAINED_INVOKE, SUB_TYPE);
        this.functionName = functionName;
        this.payload = payload;
        this.type = type;
        this.config = config == null ? InvokeConfig.DEFAULT : config;
        this.serDes = this.config.serDes() != null ? this.config.serDes() : defaultSerDes;
    }

    public T run() {
        Operation op = OperationSupport.existing(runtime, ref);
        if (op != null && op.status() != OperationStatus.STARTED && op.status() != OperationStatus.PENDING) {
            runtime.replayed();
            return result(op);
        }
        runtime.executing();
        if (op == null) {
            String input = serDes.serialize(payload);
            if (OperationSupport.bytes(input) > InvocationRuntime.MAX_OPERATION_PAYLOAD_BYTES) {
                throw new PayloadTooLargeException(OperationSupport.label("invoke", ref.name()) + " payload is "
                        + OperationSupport.bytes(input) + " bytes; at most " + InvocationRuntime.MAX_OPERATION_PAYLOAD_BYTES
                        + " bytes can be checkpointed");
            }
            ChainedInvokeOptions.Builder options = ChainedInvokeOptions.builder().functionName(functionName);
            if (config.tenantId() != null) {
                options.tenantId(config.tenantId());
            }
            runtime.checkpoint(Updates.of(ref, OperationAction.START).payload(input)
                    .chainedInvokeOptions(options.build()).build());
        }
        Operation done = runtime.awaitOperation(ref.id(), o -> o != null && o.status() != OperationStatus.STARTED
                && o.status() != OperationStatus.PENDING, null);
        return result(done);
    }

    private T result(Operation op) {
        var details = op.chainedInvokeDetails();
        if (op.status() == OperationStatus.SUCCEEDED) {
            return serDes.deserialize(details == null ? null : details.result(), type);
        }
        throw new ChainedInvokeFailedException(OperationSupport.label("invoke", ref.name()) + " of " + functionName
                + " ended " + op.statusAsString() + ": " + Errors.describe(details == null ? null : details.error()),
                ref.name(), details == null ? null : details.error(), null);
    }
}
