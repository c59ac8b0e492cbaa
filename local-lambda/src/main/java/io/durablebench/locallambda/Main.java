package io.durablebench.locallambda;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the service from a command line:
 * <pre>
 * java -cp ... io.durablebench.locallambda.Main --template template.yaml [--port 0] [--data-dir dir]
 *      [--env NAME=VALUE]... [--skip-time] [--region us-east-1]
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
                    + "[--skip-time] [--region REGION]");
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
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (template == null) {
            throw new IllegalArgumentException("--template is required");
        }
        LocalLambdaConfig.Builder b = LocalLambdaConfig.builder(template).environment(env).skipTime(skip);
        if (port != null) {
            b.port(port);
        }
        if (dataDir != null) {
            b.dataDir(dataDir);
        }
        if (region != null) {
            b.region(region);
        }
        return b.build();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
