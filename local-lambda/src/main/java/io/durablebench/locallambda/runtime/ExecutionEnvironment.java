package io.durablebench.locallambda.runtime;

import io.durablebench.locallambda.durable.model.ErrorObject;
import io.durablebench.locallambda.function.InvocationOutcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * One execution environment: a child process running the function's runtime client against its
 * own Runtime API, serving one invocation at a time. Its life: started (cold) until the runtime
 * first asks for {@code next} (the cold start), then busy or idle until it is reaped, killed on a
 * timeout, or exits by itself. An exit or init error during an invocation ends that invocation
 * ({@code Runtime.ExitError}, {@code Runtime.InitError}), as on Lambda.
 */
final class ExecutionEnvironment implements RuntimeApiServer.Listener, AutoCloseable {
    private final String name;
    private final RuntimeApiServer api;
    private final Process process;
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<Duration> ready = new CompletableFuture<>();
    private final SynchronousQueue<RuntimeInvocation> handoff = new SynchronousQueue<>();
    private final EnvironmentRecords records;
    private volatile RuntimeInvocation current;
    private volatile ErrorObject initError;
    private volatile boolean ending;
    private volatile Instant idleSince = Instant.now();

    /**
     * Starts the process.
     *
     * @param command     the runtime client's command line
     * @param environment the process's whole environment (the function's, plus the Runtime API address)
     * @param workDir     its working directory
     * @param log         where its stdout and stderr lines go, prefixed with {@code name}
     */
    ExecutionEnvironment(String name, List<String> command, Map<String, String> environment, Path workDir,
                         PrintStream log, EnvironmentRecords records) {
        this.name = name;
        this.records = records;
        this.api = new RuntimeApiServer(name, this);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
        try {
            this.process = pb.start();
        } catch (IOException e) {
            api.close();
            throw new UncheckedIOException("could not start " + String.join(" ", command), e);
        }
        records.started(process.toHandle());
        Thread pump = new Thread(() -> pump(log), "env-log-" + name);
        pump.setDaemon(true);
        pump.start();
        process.onExit().thenRun(this::exited);
    }

    private void pump(PrintStream log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                log.println("[" + name + "] " + line);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive() && !ending;
    }

    Instant idleSince() {
        return idleSince;
    }

    /** Waits until the runtime asked for its first invocation; the cold start (process start to first {@code next}). */
    Duration awaitReady(Duration limit) throws InterruptedException {
        try {
            return ready.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new EnvironmentFailure(e.getCause() instanceof EnvironmentFailure f ? f.error()
                    : ErrorObject.of("Runtime.Unknown", String.valueOf(e.getCause())));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new EnvironmentFailure(ErrorObject.of("Runtime.InitTimeout",
                    "the runtime did not ask for an invocation within " + limit.toSeconds() + " s"));
        }
    }

    /**
     * Runs one invocation on this (ready, idle) environment and waits for its outcome, at most until
     * its deadline; a late one kills the environment ({@code Sandbox.Timedout}).
     */
    InvocationOutcome invoke(RuntimeInvocation inv, int timeoutSeconds) throws InterruptedException {
        current = inv;
        try {
            boolean taken = false;
            while (!taken && process.isAlive() && System.currentTimeMillis() < inv.deadlineMillis()) {
                taken = handoff.offer(inv, 200, TimeUnit.MILLISECONDS);
            }
            if (!taken) {
                // the runtime never asked for it: it died or hangs between invocations
                kill();
                return inv.outcome().getNow(failed(inv, exitError(inv.requestId())));
            }
            try {
                return inv.outcome().get(Math.max(1, inv.deadlineMillis() - System.currentTimeMillis()),
                        TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                kill();
                return new InvocationOutcome(inv.requestId(), inv.start(), Instant.now(), null,
                        ErrorObject.of("Sandbox.Timedout", "Task timed out after " + timeoutSeconds + ".00 seconds"),
                        true);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        } finally {
            current = null;
            idleSince = Instant.now();
        }
    }

    // ------------------------------------------------------------------ Runtime API

    @Override
    public RuntimeInvocation next() throws InterruptedException {
        ready.complete(Duration.ofNanos(System.nanoTime() - startNanos));
        while (!ending && process.isAlive()) {
            RuntimeInvocation inv = handoff.poll(200, TimeUnit.MILLISECONDS);
            if (inv != null) {
                return inv;
            }
        }
        return null;
    }

    @Override
    public void response(String requestId, byte[] body) {
        RuntimeInvocation inv = current;
        if (inv != null && inv.requestId().equals(requestId)) {
            inv.outcome().complete(new InvocationOutcome(requestId, inv.start(), Instant.now(), body, null, false));
        }
    }

    @Override
    public void error(String requestId, ErrorObject error) {
        RuntimeInvocation inv = current;
        if (inv != null && inv.requestId().equals(requestId)) {
            inv.outcome().complete(failed(inv, error));
        }
    }

    @Override
    public void initError(ErrorObject error) {
        initError = error;
        ready.completeExceptionally(new EnvironmentFailure(initErrorOf(error)));
    }

    /** Lambda reports a failed init as {@code Runtime.InitError}; the runtime's own type stays in the message. */
    private static ErrorObject initErrorOf(ErrorObject error) {
        String detail = (error.errorType() == null ? "" : error.errorType() + ": ")
                + (error.errorMessage() == null ? "" : error.errorMessage());
        return new ErrorObject("Runtime.InitError", detail.isEmpty() ? "the function's init failed" : detail, null,
                error.stackTrace());
    }

    private void exited() {
        records.ended(process.pid());
        int code = process.exitValue();
        ErrorObject init = initError;
        ready.completeExceptionally(new EnvironmentFailure(init != null ? initErrorOf(init)
                : ErrorObject.of("Runtime.ExitError", "Runtime exited with error: exit status " + code
                        + " (before it asked for an invocation)")));
        RuntimeInvocation inv = current;
        if (inv != null) {
            inv.outcome().complete(failed(inv, init != null ? initErrorOf(init) : ending
                    ? ErrorObject.of("Runtime.ExitError", "the environment was ended")
                    : ErrorObject.of("Runtime.ExitError", "RequestId: " + inv.requestId()
                            + " Error: Runtime exited with error: exit status " + code)));
        }
        api.close();
    }

    private static ErrorObject exitError(String requestId) {
        return ErrorObject.of("Runtime.ExitError", "RequestId: " + requestId + " Error: Runtime exited");
    }

    private static InvocationOutcome failed(RuntimeInvocation inv, ErrorObject error) {
        return new InvocationOutcome(inv.requestId(), inv.start(), Instant.now(), null, error, false);
    }

    /** Ends the process at once (SIGKILL), like Lambda ending a sandbox. */
    void kill() {
        ending = true;
        process.destroyForcibly();
    }

    /** Waits for the process to be gone. */
    void awaitGone(Duration limit) throws InterruptedException {
        process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        kill();
        api.close();
    }

    /** The environment could not serve: its init failed, it exited before {@code next}, or it never asked. */
    static final class EnvironmentFailure extends RuntimeException {
        private final transient ErrorObject error;

        EnvironmentFailure(ErrorObject error) {
            super(error.errorType() + ": " + error.errorMessage(), null, false, false);
            this.error = error;
        }

        ErrorObject error() {
            return error;
        }
    }
}
