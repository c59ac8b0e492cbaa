package io.durablebench.loadtest;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code java -jar load-test/target/load-test.jar <command>}. */
@Command(name = "load-test", mixinStandardHelpOptions = true, version = "durable-bench 0.1.0",
        description = "Runs the project's functions locally and measures them.",
        subcommands = {CounterDemoCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        int exit = new CommandLine(new Main()).execute(args.length == 0 ? new String[] {"counter-demo"} : args);
        System.exit(exit);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
