package io.durablebench.locallambda;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the service from a command line:
 * <pre>
 * java -cp ... io.durablebench.locallambda.Main --template template.yaml [--port 0] [--data-dir dir]
 *      [--env NAME=VALUE]... [--skip-time] [--region us-east-1] [--hosting in-process|own-processes]
 *      [--python PATH] [--function-class-path CP] [--idle-timeout SECONDS] [--environments-per-function N]
 *      [--async-retry-delays SECONDS,SECONDS]
 * </pre>
 * Prints {@code local-lambda listening on http://127.0.0.1:PORT} once it serves, then runs until killed.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalLambdaConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("local-lambda: " + e.getMessage());
            System.err.println("usage: Main --template FILE [--port N] [--data-dir DIR] [--env NAME=VALUE]... "
                    + "[--skip-time] [--region REGION] [--hosting in-process|own-processes] [--python PATH] "
                    + "[--function-class-path CP] [--idle-timeout SECONDS] [--environments-per-function N] "
                    + "[--async-retry-delays SECONDS,SECONDS]");
            System.exit(2);
            return;
        }
        LocalLambda lambda = LocalLambda.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(lambda::close, "local-lambda-shutdown"));
        System.out.println("local-lambda listening on " + lambda.endpoint());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    static LocalLambdaConfig parse(String[] args) {
        Path template = null;
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        Integer port = null;
        Path dataDir = null;
        boolean skip = false;
        String region = null;
        LocalLambdaConfig.Hosting hosting = null;
        String python = null;
        String functionClassPath = null;
        Integer idleSeconds = null;
        Integer perFunction = null;
        java.time.Duration[] asyncDelays = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--template" -> template = Path.of(value(args, ++i, a));
                case "--port" -> {
                    try {
                        port = Integer.parseInt(value(args, ++i, a));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port needs a number");
                    }
                }
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, a));
                case "--env" -> {
                    String kv = value(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--env needs NAME=VALUE, got " + kv);
                    }
                    env.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "--skip-time" -> skip = true;
                case "--region" -> region = value(args, ++i, a);
                case "--hosting" -> {
                    String h = value(args, ++i, a);
                    hosting = switch (h) {
                        case "in-process" -> LocalLambdaConfig.Hosting.IN_PROCESS;
                        case "own-processes" -> LocalLambdaConfig.Hosting.OWN_PROCESSES;
                        default -> throw new IllegalArgumentException("--hosting must be in-process or own-processes, got "
                                + h);
                    };
                }
                case "--python" -> python = value(args, ++i, a);
                case "--function-class-path" -> functionClassPath = value(args, ++i, a);
                case "--idle-timeout" -> idleSeconds = number(value(args, ++i, a), a);
                case "--environments-per-function" -> perFunction = number(value(args, ++i, a), a);
                case "--async-retry-delays" -> asyncDelays = delays(value(args, ++i, a), a);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (template == null) {
            throw new IllegalArgumentException("--template is required");
        }
        LocalLambdaConfig.Builder b = LocalLambdaConfig.builder(template).environment(env).skipTime(skip);
        // an option not given keeps the builder's default
        ifGiven(port, b::port);
        ifGiven(dataDir, b::dataDir);
        ifGiven(region, b::region);
        ifGiven(hosting, b::hosting);
        ifGiven(python, b::python);
        ifGiven(functionClassPath, b::functionClassPath);
        ifGiven(idleSeconds, s -> b.environmentIdleTimeout(java.time.Duration.ofSeconds(s)));
        ifGiven(perFunction, b::environmentsPerFunction);
        ifGiven(asyncDelays, d -> b.asyncRetryDelays(d[0], d[1]));
        return b.build();
    }

    private static <T> void ifGiven(T option, java.util.function.Consumer<T> set) {
        if (option != null) {
            set.accept(option);
        }
    }

    private static int number(String v, String option) {
        try {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number of at least 1, got " + v);
        }
    }

    private static java.time.Duration[] delays(String v, String option) {
        String[] parts = v.split(",", -1);
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            java.time.Duration[] d = new java.time.Duration[2];
            for (int i = 0; i < 2; i++) {
                long seconds = Long.parseLong(parts[i].trim());
                if (seconds < 0) {
                    throw new NumberFormatException();
                }
                d[i] = java.time.Duration.ofSeconds(seconds);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs two whole numbers of seconds >= 0, as 60,120, got " + v);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
