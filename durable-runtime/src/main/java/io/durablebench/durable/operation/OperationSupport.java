package io.durablebench.durable.operation;

import io.durablebench.durable.exception.NonDeterministicExecutionException;
import io.durablebench.durable.execution.Errors;
import io.durablebench.durable.execution.InvocationRuntime;
import io.durablebench.durable.execution.SuspendSignal;
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

    /**
     * Rethrows what is not a failure of the user's code: the invocation ending ({@link SuspendSignal}),
     * non-determinism (the execution fails whatever the code does), and JVM errors other than
     * assertion failures (the invocation dies; Lambda retries it). Anything else returns, for the
     * operation to record as its failure.
     */
    static void rethrowUnlessUserFailure(Throwable t) {
        if (t instanceof SuspendSignal s) {
            throw s;
        }
        if (t instanceof NonDeterministicExecutionException n) {
            throw n;
        }
        if (t instanceof Error e && !(t instanceof AssertionError)) {
            throw e;
        }
    }

    /** A STEP that ended without success: FAILED, or ended from outside (CANCELLED, TIMED_OUT, STOPPED). */
    static boolean failedTerminal(Operation op) {
        OperationStatus s = op.status();
        return s == OperationStatus.FAILED || s == OperationStatus.CANCELLED || s == OperationStatus.TIMED_OUT
                || s == OperationStatus.STOPPED;
    }

    /** Attempts a STEP has finished so far (the service counts RETRY, FAIL and SUCCEED). */
    static int completedAttempts(Operation op) {
        if (op == null || op.stepDetails() == null || op.stepDetails().attempt() == null) {
            return 0;
        }
        return op.stepDetails().attempt();
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
