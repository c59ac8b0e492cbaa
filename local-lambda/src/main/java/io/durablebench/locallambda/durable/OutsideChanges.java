package io.durablebench.locallambda.durable;

import java.util.function.Predicate;

/**
 * Changes to an execution that its handler did not ask for (a timer fired, a callback or chained
 * invoke ended, ...): committed like any change, then the execution is woken up, since it needs an
 * invocation to see the change (one invocation at a time: a running one sees it in its next
 * checkpoint response).
 */
record OutsideChanges(ExecutionCommitter committer, InvocationScheduler invocations, ServiceThreads threads) {
    /**
     * Applies {@code change} to a running execution (it returns false when there is nothing to
     * change), commits it and wakes the execution up.
     */
    void apply(DurableExecution exec, Predicate<ExecutionTx> change) {
        boolean invoke;
        exec.lock.lock();
        try {
            if (threads.closing() || exec.isClosed()) {
                return;
            }
            ExecutionTx tx = new ExecutionTx(exec);
            if (!change.test(tx)) {
                return;
            }
            invoke = commitAndWake(exec, tx);
        } finally {
            exec.lock.unlock();
        }
        if (invoke) {
            invocations.request(exec);
        }
    }

    /**
     * Commits a staged outside change of an execution whose lock the caller holds, marking it as
     * awaiting an invocation; true when the caller should request one after releasing the lock.
     */
    boolean commitAndWake(DurableExecution exec, ExecutionTx tx) {
        if (!tx.closing) {
            tx.header = tx.header.withAwaitingInvocation(true);
        }
        committer.commit(exec, tx);
        return !tx.closing && exec.invocation == null;
    }

    /** Requests an invocation (after {@link #commitAndWake} said one is needed). */
    void wake(DurableExecution exec) {
        invocations.request(exec);
    }
}
