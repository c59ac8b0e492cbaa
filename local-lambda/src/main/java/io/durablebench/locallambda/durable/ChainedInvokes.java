package io.durablebench.locallambda.durable;

import io.durablebench.locallambda.durable.model.ErrorObject;
import io.durablebench.locallambda.durable.model.Operation;
import io.durablebench.locallambda.durable.model.OperationStatus;
import io.durablebench.locallambda.durable.model.OperationType;
import io.durablebench.locallambda.error.LambdaApiException;
import io.durablebench.locallambda.function.FunctionHost;
import io.durablebench.locallambda.function.FunctionTarget;
import io.durablebench.locallambda.function.InvocationOutcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Runs the targets of CHAINED_INVOKE operations and ends the operations with their outcome. A
 * durable target (which must be qualified) runs as a child execution whose name is derived from
 * the parent operation, so a re-dispatch after a restart finds the same child; its end completes
 * the parent's operation. An ordinary target runs as one invocation. An unknown or unqualified
 * target ends the operation FAILED.
 */
record ChainedInvokes(FunctionHost host, ExecutionRegistry registry, ExecutionCommitter committer,
                      OutsideChanges outside, ExecutionLifecycle lifecycle, ServiceThreads threads,
                      ServiceClock clock) implements ExecutionCommitter.Listener {
    @Override
    public void committed(DurableExecution exec, ExecutionTx tx) {
        if (tx.closing) {
            ExecutionHeader h = exec.header;
            if (h.parentArn() != null) {
                threads.submit(() -> completeParent(h));
            }
            return;
        }
        for (Operation op : tx.changed.values()) {
            if (op.type() == OperationType.CHAINED_INVOKE && op.status() == OperationStatus.STARTED
                    && op.extras().childExecutionArn() == null && !tx.invisible.contains(op.id())) {
                if (exec.invocation != null) {
                    // started by a running invocation: the target starts once that invocation has moved on
                    // (its next checkpoint call, or its end), so that a handler that suspends right away
                    // records its InvocationCompleted before the target can end, as on Lambda, where the
                    // target's own invoke takes longer than the handler's return; a handler that keeps
                    // working (and polling) gets its target running at its next call
                    exec.invocation.whenMovedOn(() -> dispatch(exec, op));
                } else {
                    dispatch(exec, op);
                }
            }
        }
    }

    /**
     * After a restart: a STARTED chained invoke whose child never started is dispatched again; one
     * whose child ended is completed. The caller holds the parent's lock.
     */
    void resume(DurableExecution exec) {
        for (Operation op : exec.ops) {
            if (op.type() != OperationType.CHAINED_INVOKE || op.status() != OperationStatus.STARTED) {
                continue;
            }
            String child = op.extras().childExecutionArn();
            DurableExecution childExec = child == null ? null : registry.get(child);
            if (childExec == null) {
                dispatch(exec, op);
            } else if (childExec.isClosed()) {
                ExecutionHeader h = childExec.header;
                threads.submit(() -> completeParent(h));
            }
        }
    }

    /** A child execution started by a chained invoke closed: end the parent's CHAINED_INVOKE. */
    void completeParent(ExecutionHeader child) {
        DurableExecution parent = registry.get(child.parentArn());
        if (parent == null) {
            return;
        }
        OperationStatus status = switch (child.status()) {
            case SUCCEEDED -> OperationStatus.SUCCEEDED;
            case FAILED -> OperationStatus.FAILED;
            case TIMED_OUT -> OperationStatus.TIMED_OUT;
            case STOPPED -> OperationStatus.STOPPED;
            case RUNNING -> throw new IllegalStateException("child still running");
        };
        outside.apply(parent, tx -> Transitions.completeChainedInvoke(tx, child.parentOperationId(), status,
                child.result(), child.error(), clock.now()));
    }

    private void dispatch(DurableExecution parent, Operation op) {
        String parentArn = parent.header.arn();
        Operation.Extras x = op.extras();
        threads.submit(() -> {
            FunctionTarget target;
            try {
                target = host.resolve(x.invokeFunctionName(), null);
                if (target.function().durable() && !target.qualified()) {
                    throw LambdaApiException.invalidParameter(
                            "You cannot invoke a durable function using an unqualified ARN.");
                }
            } catch (LambdaApiException e) {
                fail(parent, op, e);
                return;
            }
            // no payload: the target gets none (a durable child has no input, an ordinary one an empty event)
            String input = x.invokeInput();
            if (target.function().durable()) {
                DurableService.Started child;
                try {
                    child = lifecycle.start(target, childName(parentArn, op.id()), input, parentArn, op.id());
                } catch (LambdaApiException e) {
                    fail(parent, op, e);
                    return;
                }
                recordChild(parent, op.id(), child.arn());
                ExecutionHeader h = registry.headerOrNull(child.arn());
                if (h != null && h.status().isClosed()) {
                    completeParent(h);
                }
            } else {
                byte[] payload = input == null ? new byte[0] : input.getBytes(StandardCharsets.UTF_8);
                InvocationOutcome outcome = host.invoke(target, payload, UUID.randomUUID().toString());
                OperationStatus status = outcome.succeeded() ? OperationStatus.SUCCEEDED
                        : outcome.timedOut() ? OperationStatus.TIMED_OUT : OperationStatus.FAILED;
                String result = outcome.succeeded() && outcome.output().length > 0
                        ? new String(outcome.output(), StandardCharsets.UTF_8) : null;
                outside.apply(parent, tx -> Transitions.completeChainedInvoke(tx, op.id(), status, result,
                        outcome.error(), clock.now()));
            }
        });
    }

    private void fail(DurableExecution parent, Operation op, LambdaApiException e) {
        outside.apply(parent, tx -> Transitions.completeChainedInvoke(tx, op.id(), OperationStatus.FAILED, null,
                ErrorObject.of(e.type().name(), e.getMessage()), clock.now()));
    }

    /** Notes which child execution runs a chained invoke; invisible to the handler. */
    private void recordChild(DurableExecution parent, String opId, String childArn) {
        parent.lock.lock();
        try {
            Operation op = parent.op(opId);
            if (op == null || childArn.equals(op.extras().childExecutionArn())) {
                return;
            }
            ExecutionTx tx = new ExecutionTx(parent);
            tx.put(op.toBuilder().extras(op.extras().withChildExecutionArn(childArn)).build());
            tx.invisible.add(opId);
            committer.write(parent, tx);
        } finally {
            parent.lock.unlock();
        }
    }

    /** The child execution's name: derived from the parent operation, so a re-dispatch finds the same child. */
    static String childName(String parentArn, String opId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((parentArn + "\n" + opId).getBytes(StandardCharsets.UTF_8));
            return "chained-" + HexFormat.of().formatHex(digest, 0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
