package io.durablebench.locallambda.durable;

import io.durablebench.locallambda.durable.model.ErrorObject;
import io.durablebench.locallambda.durable.model.ExecutionStatus;
import io.durablebench.locallambda.durable.model.Operation;
import io.durablebench.locallambda.durable.model.OperationStatus;
import java.time.Instant;

/** State changes the service makes on its own (not asked by a checkpoint), each with its history event. */
final class Transitions {
    private Transitions() {
    }

    /** Ends the execution: header, the EXECUTION operation and the closing event. */
    static void close(ExecutionTx tx, ExecutionStatus status, String result, ErrorObject error, Instant now) {
        tx.header = tx.header.closed(status, now, status == ExecutionStatus.SUCCEEDED ? result : null,
                status == ExecutionStatus.SUCCEEDED ? null : error);
        Operation execOp = tx.op(tx.header.executionId());
        OperationStatus opStatus = switch (status) {
            case SUCCEEDED -> OperationStatus.SUCCEEDED;
            case FAILED -> OperationStatus.FAILED;
            case TIMED_OUT -> OperationStatus.TIMED_OUT;
            case STOPPED -> OperationStatus.STOPPED;
            case RUNNING -> throw new IllegalArgumentException("close with RUNNING");
        };
        Operation updated = execOp.toBuilder().status(opStatus).endTimestamp(now).build();
        tx.put(updated);
        switch (status) {
            case SUCCEEDED -> tx.event("ExecutionSucceeded", updated, now, History.withResult(result));
            case FAILED -> tx.event("ExecutionFailed", updated, now, History.withError(error));
            case TIMED_OUT -> tx.event("ExecutionTimedOut", updated, now, History.withError(error));
            case STOPPED -> tx.event("ExecutionStopped", updated, now, History.withError(error));
            default -> {
            }
        }
        tx.closing = true;
    }

    static boolean completeWait(ExecutionTx tx, String opId, Instant now) {
        Operation op = tx.op(opId);
        if (op == null || op.status() != OperationStatus.STARTED) {
            return false;
        }
        Operation done = op.toBuilder().status(OperationStatus.SUCCEEDED).endTimestamp(now).build();
        tx.put(done);
        tx.event("WaitSucceeded", done, now, History.waitSucceeded(op.extras().waitSeconds()));
        return true;
    }

    /** A retry delay has passed: PENDING to READY (the history shows the next StepStarted). */
    static boolean makeReady(ExecutionTx tx, String opId) {
        Operation op = tx.op(opId);
        if (op == null || op.status() != OperationStatus.PENDING) {
            return false;
        }
        tx.put(op.toBuilder().status(OperationStatus.READY).build());
        return true;
    }

    /** Ends a STARTED callback as SUCCEEDED, FAILED or TIMED_OUT. */
    static boolean completeCallback(ExecutionTx tx, String opId, OperationStatus status, String result,
                                    ErrorObject error, Instant now) {
        Operation op = tx.op(opId);
        if (op == null || op.status() != OperationStatus.STARTED) {
            return false;
        }
        if (status == OperationStatus.STOPPED) {
            throw new IllegalArgumentException("callback cannot end " + status);
        }
        end(tx, op, "Callback", status, result, error, now);
        return true;
    }

    /** Ends a STARTED chained invoke as SUCCEEDED, FAILED, TIMED_OUT or STOPPED. */
    static boolean completeChainedInvoke(ExecutionTx tx, String opId, OperationStatus status, String result,
                                         ErrorObject error, Instant now) {
        Operation op = tx.op(opId);
        if (op == null || op.status().isTerminal()) {
            return false;
        }
        end(tx, op, "ChainedInvoke", status, result, error, now);
        return true;
    }

    /** Ends the operation with a terminal status and records the {@code <kind><Status>} event. */
    private static void end(ExecutionTx tx, Operation op, String kind, OperationStatus status, String result,
                            ErrorObject error, Instant now) {
        String outcome = switch (status) {
            case SUCCEEDED -> "Succeeded";
            case FAILED -> "Failed";
            case TIMED_OUT -> "TimedOut";
            case STOPPED -> "Stopped";
            default -> throw new IllegalArgumentException(kind + " cannot end " + status);
        };
        Operation done = op.toBuilder().status(status).endTimestamp(now).result(result).error(error).build();
        tx.put(done);
        tx.event(kind + outcome, done, now,
                status == OperationStatus.SUCCEEDED ? History.withResult(result) : History.withError(error));
    }
}
