package io.durablebench.locallambda.durable;

import io.durablebench.locallambda.durable.model.ErrorObject;
import io.durablebench.locallambda.durable.model.ExecutionStatus;
import io.durablebench.locallambda.durable.model.Operation;
import io.durablebench.locallambda.durable.model.OperationStatus;
import io.durablebench.locallambda.durable.model.OperationType;
import java.time.Instant;
import java.util.List;

/**
 * The clocks that move executions on without their handler: a WAIT ends at its scheduled time, a
 * RETRYed STEP becomes READY when its delay has passed, a CALLBACK times out after its timeout or
 * without a heartbeat, and the execution times out after its {@code ExecutionTimeout}. Timers are
 * armed when a committed change calls for them (and cancelled when the operation moves on), and
 * re-armed from the stored timestamps after a restart.
 */
record OperationTimers(TimerScheduler timers, OutsideChanges outside, ServiceClock clock)
        implements ExecutionCommitter.Listener {
    @Override
    public void committed(DurableExecution exec, ExecutionTx tx) {
        if (tx.closing) {
            return;
        }
        for (Operation op : tx.changed.values()) {
            String id = op.id();
            switch (op.type()) {
                case WAIT -> {
                    if (op.status() == OperationStatus.STARTED) {
                        armWait(exec, op);
                    } else {
                        timers.cancel(exec, "wait:" + id);
                    }
                }
                case STEP -> {
                    if (op.status() == OperationStatus.PENDING) {
                        armRetry(exec, op);
                    } else {
                        timers.cancel(exec, "retry:" + id);
                    }
                }
                case CALLBACK -> {
                    if (op.status() == OperationStatus.STARTED) {
                        armCallbackTimeouts(exec, op, true);
                    } else {
                        timers.cancel(exec, "cbt:" + id);
                        timers.cancel(exec, "cbh:" + id);
                    }
                }
                default -> {
                }
            }
        }
    }

    /** After a restart: every timer a running execution's stored state calls for. The caller holds the lock. */
    void rearm(DurableExecution exec) {
        armExecutionTimeout(exec);
        for (Operation op : exec.ops) {
            switch (op.type()) {
                case WAIT -> {
                    if (op.status() == OperationStatus.STARTED) {
                        armWait(exec, op);
                    }
                }
                case STEP -> {
                    if (op.status() == OperationStatus.PENDING) {
                        armRetry(exec, op);
                    }
                }
                case CALLBACK -> {
                    if (op.status() == OperationStatus.STARTED) {
                        armCallbackTimeouts(exec, op, true);
                    }
                }
                default -> {
                }
            }
        }
    }

    /** The execution's own deadline: its start plus {@code ExecutionTimeout}, in real time. */
    void armExecutionTimeout(DurableExecution exec) {
        ExecutionHeader h = exec.header;
        Instant due = h.startTimestamp().plusSeconds(h.executionTimeoutSeconds());
        timers.schedule(exec, "timeout", due, false, () -> outside.apply(exec, tx -> {
            Transitions.close(tx, ExecutionStatus.TIMED_OUT, null, ErrorObject.of(null,
                    "Execution timed out after " + h.executionTimeoutSeconds() + " seconds."), clock.now());
            return true;
        }));
    }

    private void armWait(DurableExecution exec, Operation op) {
        timers.scheduleOnce(exec, "wait:" + op.id(), op.scheduledEndTimestamp(), true,
                () -> outside.apply(exec, tx -> Transitions.completeWait(tx, op.id(), clock.now())));
    }

    private void armRetry(DurableExecution exec, Operation op) {
        timers.schedule(exec, "retry:" + op.id(), op.nextAttemptTimestamp(), true,
                () -> outside.apply(exec, tx -> Transitions.makeReady(tx, op.id())));
    }

    /**
     * The callback's timeout (from its start, armed once) and heartbeat timeout (from now: a
     * heartbeat re-arms it alone, with {@code armTimeout} false).
     */
    void armCallbackTimeouts(DurableExecution exec, Operation op, boolean armTimeout) {
        Operation.Extras x = op.extras();
        if (armTimeout && x.callbackTimeoutSeconds() != null && x.callbackTimeoutSeconds() > 0) {
            timers.scheduleOnce(exec, "cbt:" + op.id(), op.startTimestamp().plusSeconds(x.callbackTimeoutSeconds()),
                    false, () -> outside.apply(exec, tx -> Transitions.completeCallback(tx, op.id(),
                            OperationStatus.TIMED_OUT, null, ErrorObject.of("Callback.Timeout", "Callback timed out"),
                            clock.now())));
        }
        if (x.callbackHeartbeatTimeoutSeconds() != null && x.callbackHeartbeatTimeoutSeconds() > 0) {
            timers.schedule(exec, "cbh:" + op.id(), clock.now().plusSeconds(x.callbackHeartbeatTimeoutSeconds()), false,
                    () -> outside.apply(exec, tx -> Transitions.completeCallback(tx, op.id(), OperationStatus.TIMED_OUT,
                            null, ErrorObject.of("Callback.Heartbeat", "Callback timed out on heartbeat"),
                            clock.now())));
        }
    }

    /** Completes the waits and retry delays that are due, inside the caller's transaction. */
    static void fireDue(ExecutionTx tx, Instant now) {
        for (String id : List.copyOf(tx.exec.timedOps)) {
            Operation op = tx.op(id);
            if (op.type() == OperationType.WAIT && op.status() == OperationStatus.STARTED
                    && !op.scheduledEndTimestamp().isAfter(now)) {
                Transitions.completeWait(tx, id, now);
            } else if (op.type() == OperationType.STEP && op.status() == OperationStatus.PENDING
                    && !op.nextAttemptTimestamp().isAfter(now)) {
                Transitions.makeReady(tx, id);
            }
        }
    }
}
