package io.durablebench.locallambda.function;

import io.durablebench.locallambda.runtime.FunctionProcesses;
import io.durablebench.locallambda.runtime.RuntimeLauncher;

/**
 * Where the functions run: in the service's JVM (handler instances on threads), or in execution
 * environments of their own (child processes through the Lambda Runtime API). Python functions
 * always run in their own processes; Java functions do when {@code javaInProcesses} is set.
 * Functions registered in code run in the service's JVM.
 *
 * @param processes          the process host; null: nothing runs out of process
 * @param javaInProcesses    Java functions too get environments of their own
 * @param processConcurrency environments per function when the template reserves no concurrency
 */
public record FunctionHosting(FunctionProcesses processes, boolean javaInProcesses, int processConcurrency) {
    public static FunctionHosting inProcess() {
        return new FunctionHosting(null, false, 0);
    }

    /** Whether {@code fn}'s invocations run in environments of their own. */
    public boolean outOfProcess(HostedFunction fn) {
        if (fn.registeredInCode()) {
            return false;
        }
        return RuntimeLauncher.isPythonRuntime(fn.definition().runtime()) || javaInProcesses;
    }
}
