package io.durablebench.loadtest;

import picocli.CommandLine.Model.CommandSpec;

/** A group of options (a picocli mixin) that checks its own combination; every command checks its groups first. */
interface CheckedOptions {
    /** A usage error of {@code command} naming the option unless the group's values go together. */
    void validate(CommandSpec command);
}
