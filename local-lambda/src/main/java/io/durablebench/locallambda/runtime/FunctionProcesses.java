package io.durablebench.locallambda.runtime;

import io.durablebench.locallambda.function.FunctionCode;
import io.durablebench.locallambda.function.FunctionTarget;
import io.durablebench.locallambda.function.HostedFunction;
import io.durablebench.locallambda.function.InvocationOutcome;
import io.durablebench.locallambda.durable.model.ErrorObject;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Functions hosted in execution environments of their own (child processes speaking the Lambda
 * Runtime API), one {@link EnvironmentPool} per function, idle environments reaped on a timer.
 */
public final class FunctionProcesses implements AutoCloseable {
    private final EnvironmentStarter starter;
    private final ConcurrentHashMap<String, EnvironmentPool> pools = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper;
    /** Ends the environments when the service's JVM ends without {@link #close} (SIGTERM, System.exit). */
    private final Thread shutdownHook = new Thread(this::endAll, "environment-shutdown");

    /**
     * @param idleTimeout how long an environment may stay idle before it is ended
     * @param log         where the environments' output goes (line by line, prefixed with the environment)
     */
    public FunctionProcesses(RuntimeLauncher launcher, EnvironmentRecords records, Duration idleTimeout,
                             PrintStream log) {
        this.starter = new EnvironmentStarter(launcher, records, log);
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "environment-reaper");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(100, Math.min(1000, idleTimeout.toMillis() / 4));
        reaper.scheduleWithFixedDelay(() -> pools.values().forEach(p -> p.reap(idleTimeout)), period, period,
                TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Runs one invocation of {@code function} in one of its environments (warm if one is idle) that
     * runs {@code code}: each version has environments of its own, as on Lambda (and {@code $LATEST}
     * new ones when its code changes).
     */
    public InvocationOutcome invoke(HostedFunction function, FunctionTarget target, FunctionCode code, byte[] payload,
                                    String requestId) {
        String codeClassPath = code instanceof FunctionCode.ClassPath cp ? cp.classPath() : null;
        String version = target.version();
        EnvironmentPool pool = pools.computeIfAbsent(function.name() + ":" + version + " " + code.ref(),
                n -> new EnvironmentPool(function, function.environment(version), codeClassPath, starter));
        try {
            return pool.invoke(target, payload, requestId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new InvocationOutcome(requestId, Instant.now(), Instant.now(), null,
                    ErrorObject.of("Runtime.Interrupted", "the service is shutting down"), false);
        }
    }

    /** Every function's environments so far. */
    public List<EnvironmentStats> stats() {
        return pools.values().stream().map(EnvironmentPool::stats)
                .sorted(java.util.Comparator.comparing(EnvironmentStats::function)).toList();
    }

    private void endAll() {
        reaper.shutdownNow();
        pools.values().forEach(EnvironmentPool::close);
    }

    @Override
    public void close() {
        endAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing left to remove
        }
    }
}
