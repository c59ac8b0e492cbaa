package io.durablebench.locallambda.runtime;

import io.durablebench.local.template.FunctionDefinition;
import java.io.PrintStream;
import java.util.Map;

/**
 * Starts execution environments, for every function alike: the launcher's command for the
 * function's version, the environment's output to {@code log} and its process in {@code records}
 * (so that a later run can end what a killed one left running).
 */
record EnvironmentStarter(RuntimeLauncher launcher, EnvironmentRecords records, PrintStream log) {
    ExecutionEnvironment start(String name, FunctionDefinition definition, Map<String, String> environment,
                               String codeClassPath) {
        RuntimeLauncher.Launch l = launcher.launch(definition, environment, codeClassPath);
        return new ExecutionEnvironment(name, l.command(), l.environment(), l.workDir(), log, records);
    }
}
