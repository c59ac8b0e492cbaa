package io.durablebench.loadtest;

import picocli.CommandLine.Mixin;

/** A command that measures on a target the user chooses ({@link TargetOptions}). */
abstract class MeasuringCommand extends LoadTestCommand {
    @Mixin
    TargetOptions target;

    MeasuringCommand() {
    }

    MeasuringCommand(String out) {
        super(out);
    }
}
