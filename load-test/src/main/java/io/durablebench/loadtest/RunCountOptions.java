package io.durablebench.loadtest;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * How many runs a measuring command records per side, and how many it runs first without recording
 * them. The defaults are the command's: it creates this mixin with them (picocli keeps an initialized
 * mixin and takes a field's initial value as the option's default).
 */
final class RunCountOptions implements CheckedOptions {
    @Option(names = "--runs", description = "measured runs per side of each configuration (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmups", description = "runs per side before the measured ones, not recorded (default:"
            + " ${DEFAULT-VALUE})")
    int warmups;

    RunCountOptions(int runs, int warmups) {
        this.runs = runs;
        this.warmups = warmups;
    }

    @Override
    public void validate(CommandSpec spec) {
        LoadTestCommand.check(spec, runs >= 1, "--runs must be at least 1, got " + runs);
        LoadTestCommand.check(spec, warmups >= 0, "--warmups must be 0 or more, got " + warmups);
    }
}
