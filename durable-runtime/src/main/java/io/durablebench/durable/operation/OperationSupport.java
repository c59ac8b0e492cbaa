package io.durablebench.durable.operation;

import io.durablebench.durable.exception.NonDeterministicExecutionException;
import io.durablebench.durable.execution.Errors;
import io.durablebench.durable.execution.InvocationRuntime;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationStatus;

/** Checks shared by every operation kind. */
final class OperationSupport {
    private OperationSupport() {
    }

    /**
     * The logged operation at this position, or null if there is none. The log must hold the same
     * kind of operation with the same name as the handler asks for now; anything else means the
     * handler changed between invocations, and the execution fails.
     */
    static Operation existing(InvocationRuntime runtime, Updates.OperationRef ref) {
        Operation op = runtime.operation(ref.id());
        if (op == null) {
            return null;
        }
        if (op.type() != ref.type() || !Objects.equals(op.subType(), ref.subType()) || !Objects.equals(op.name(), ref.name())) {
            NonDeterministicExecutionException e = new NonDeterministicExecutionException(
                    "non-deterministic replay at operation " + ref.id() + ": the log holds a " + op.typeAsString() + "/"
                            + op.subType() + " named " + quote(op.name()) + ", but the handler now calls a " + ref.type()
                            + "/" + ref.subType() + " named " + quote(ref.name()) + " at this point. A durable handler "
                            + "must make the same durable calls in the same order on every invocation.");
            runtime.failExecution(Errors.of(e));
            throw e;
        }
        return op;
    }

    static boolean is(Operation op, OperationStatus status) {
        return op != null && op.status() == status;
    }

    static int bytes(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    static String label(String kind, String name) {
        return name == null ? kind : kind + " \"" + name + "\"";
    }

    private static String quote(String s) {
        return s == null ? "(no name)" : "\"" + s + "\"";
    }
}
