package io.durablebench.durable.testing;

import io.durablebench.locallambda.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The project's local Lambda as a process of its own (this JVM's class path, so it hosts the same
 * handlers), on a fixed loopback port across restarts, so that tests can {@code kill -9} it mid-work
 * and start it again on the same data folder while their clients keep one endpoint.
 */
public final class LocalLambdaProcess implements AutoCloseable {
    private final Path template;
    private final Path dataDir;
    private final int port;
    private final Map<String, String> environment;
    private final Path logDir;
    private Process process;
    private int lives;
    /** JVM options of the next launch only (e.g. the local Lambda's test-only crash switch properties). */
    private List<String> nextJvmOptions = List.of();

    private LocalLambdaProcess(Path template, Path dataDir, int port, Map<String, String> environment, Path logDir) {
        this.template = template;
        this.dataDir = dataDir;
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.logDir = logDir;
    }

    /** Starts the service on a free port with its journal in {@code dataDir}; logs go to {@code logDir}. */
    public static LocalLambdaProcess start(Path template, Path dataDir, Map<String, String> environment, Path logDir) {
        LocalLambdaProcess p = new LocalLambdaProcess(template, dataDir, LoopbackPorts.free(), environment, logDir);
        p.launch();
        return p;
    }

    /**
     * Starts the service like {@link #start(Path, Path, Map, Path)} with extra JVM options for this first
     * launch only (a {@link #restart()} leaves them out), e.g. {@code -Dlocallambda.crash.at=after:3}.
     */
    public static LocalLambdaProcess start(Path template, Path dataDir, Map<String, String> environment, Path logDir,
                                           List<String> jvmOptions) {
        LocalLambdaProcess p = new LocalLambdaProcess(template, dataDir, LoopbackPorts.free(), environment, logDir);
        p.nextJvmOptions = List.copyOf(jvmOptions);
        p.launch();
        return p;
    }

    /** Starts the service again with extra JVM options for this launch only (after it died or was killed). */
    public void restart(List<String> jvmOptions) {
        nextJvmOptions = List.copyOf(jvmOptions);
        restart();
    }

    /** Waits for the process to end on its own (e.g. a crash switch halted it); its exit code, or empty on timeout. */
    public java.util.OptionalInt awaitExit(java.time.Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return java.util.OptionalInt.of(process.exitValue());
            }
            return java.util.OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no flush, exactly like a crashed host. */
    public void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the service again on the same port and data folder (after {@link #kill9()}). */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("the service is still running; kill it first");
        }
        launch();
    }

    public int lives() {
        return lives;
    }

    private void launch() {
        lives++;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1"));
        cmd.addAll(nextJvmOptions);
        nextJvmOptions = List.of();
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--template", template.toString(), "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
        environment.forEach((k, v) -> {
            cmd.add("--env");
            cmd.add(k + "=" + v);
        });
        try {
            Files.createDirectories(logDir);
            process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            Path log = logDir.resolve("local-lambda-" + lives + ".log");
            CountDownLatch listening = new CountDownLatch(1);
            Process p = process;
            Thread pump = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                     PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        out.println(line);
                        out.flush();
                        if (line.startsWith("local-lambda listening on")) {
                            listening.countDown();
                        }
                    }
                } catch (IOException ignored) {
                    // the process died
                }
            }, "local-lambda-log-" + lives);
            pump.setDaemon(true);
            pump.start();
            if (!listening.await(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("local-lambda did not start within 60 s; log: " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }
}
