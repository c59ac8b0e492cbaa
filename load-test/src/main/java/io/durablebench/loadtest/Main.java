package io.durablebench.loadtest;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code java -jar load-test/target/load-test.jar <command>}. */
@Command(name = "load-test", mixinStandardHelpOptions = true, version = "durable-bench 0.1.0",
        description = "Measures the project's functions, durable against baseline: latency, store operations, cost.",
        subcommands = {ExperimentCommand.class, RunCommand.class, RunCountsCommand.class, BreakdownCommand.class,
                ChunkSweepCommand.class, CounterDemoCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        // The local Lambda serves HTTP with the JDK's HttpServer, which leaves Nagle's algorithm on: every
        // SDK request to it (invokes, and the durable runtime's checkpoint calls) then waits ~40 ms for a
        // delayed ACK. Measured with the no-op function: 50 ms per invoke without this, under 5 ms with it.
        // Must be set before the server class is loaded.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int exit = new CommandLine(new Main()).execute(args);
        System.exit(exit);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
