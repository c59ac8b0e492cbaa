package io.durablebench.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every measuring command has: its command line, to refuse bad options with a usage error and to
 * name itself in the reports it writes, and the place it writes them to (the command's default; picocli
 * takes a field's initial value as the option's default).
 */
abstract class LoadTestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", description = "where the results go: a folder, or the table's file for run-counts and"
            + " breakdown (default: ${DEFAULT-VALUE})")
    Path out;

    /** A command writing one table: by default {@code results/<its name>.md}. */
    LoadTestCommand() {
        this.out = Path.of("results", getClass().getAnnotation(Command.class).name() + ".md");
    }

    /** A command writing a folder of results, {@code out} by default. */
    LoadTestCommand(String out) {
        this.out = Path.of(out);
    }

    /** Checks every option group ({@link CheckedOptions}) before the command runs. */
    @Override
    public final Integer call() throws Exception {
        for (CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof CheckedOptions group) {
                group.validate(spec);
            }
        }
        return run();
    }

    /** The command, its option groups checked (an option with a range of its own checks it in its setter). */
    abstract Integer run() throws Exception;

    /** A usage error (exit code 2, the message and the usage on stderr) unless {@code ok}. */
    static void check(CommandSpec spec, boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    final void check(boolean ok, String message) {
        check(spec, ok, message);
    }

    /** Writes a generated table, creating its folder. */
    static void write(Path file, String text) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, text);
    }

    /** The command as the user typed it ({@code load-test <subcommand> <options>}), for a report's header. */
    final String typed() {
        return "load-test " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }
}
