package io.durablebench.locallambda.runtime;

import io.durablebench.locallambda.durable.model.ErrorObject;
import io.durablebench.locallambda.function.FunctionTarget;
import io.durablebench.locallambda.function.HostedFunction;
import io.durablebench.locallambda.function.InvocationOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The execution environments of one function: an invocation takes an idle one (warm) or starts a
 * new one (cold: its start is measured), and gives it back when it is still alive; idle ones are
 * reaped after the idle timeout. How many run at once is the function's concurrency limit, which
 * {@code FunctionHost} enforces before it gets here (beyond it: 429).
 */
final class EnvironmentPool {
    private final HostedFunction function;
    private final java.util.Map<String, String> environment;
    private final String codeClassPath;
    private final EnvironmentStarter starter;
    private final Deque<ExecutionEnvironment> idle = new ConcurrentLinkedDeque<>();
    private final Set<ExecutionEnvironment> all = ConcurrentHashMap.newKeySet();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger reaped = new AtomicInteger();
    private final AtomicInteger died = new AtomicInteger();
    private final List<Long> coldStartMillis = new CopyOnWriteArrayList<>();

    /**
     * @param environment   the function's environment for the version these environments run
     * @param codeClassPath the class path of the version's code, ahead of the launcher's; null: the launcher's alone
     */
    EnvironmentPool(HostedFunction function, java.util.Map<String, String> environment, String codeClassPath,
                    EnvironmentStarter starter) {
        this.function = function;
        this.environment = environment;
        this.codeClassPath = codeClassPath;
        this.starter = starter;
    }

    InvocationOutcome invoke(FunctionTarget target, byte[] payload, String requestId) throws InterruptedException {
        int timeoutSeconds = function.definition().timeoutSeconds();
        ExecutionEnvironment env = takeIdle();
        if (env == null) {
            Instant start = Instant.now();
            try {
                env = start();
                // Lambda gives init 10 s of its own before the invocation's timeout starts counting
                coldStartMillis.add(env.awaitReady(Duration.ofSeconds(10L + timeoutSeconds)).toMillis());
            } catch (ExecutionEnvironment.EnvironmentFailure e) {
                if (env != null) {
                    discard(env);
                }
                return new InvocationOutcome(requestId, start, Instant.now(), null, e.error(), false);
            } catch (RuntimeException e) {
                if (env != null) {
                    discard(env);
                }
                return new InvocationOutcome(requestId, start, Instant.now(), null,
                        ErrorObject.of("Runtime.Unknown", "could not start an environment: " + e.getMessage()), false);
            }
        }
        RuntimeInvocation inv = new RuntimeInvocation(requestId, payload, target.invokedArn(),
                System.currentTimeMillis() + timeoutSeconds * 1000L);
        InvocationOutcome outcome;
        try {
            outcome = env.invoke(inv, timeoutSeconds);
        } catch (InterruptedException e) {
            discard(env);
            throw e;
        }
        if (env.alive()) {
            idle.addFirst(env);
        } else {
            died.incrementAndGet();
            discard(env);
        }
        return outcome;
    }

    private ExecutionEnvironment takeIdle() {
        ExecutionEnvironment env;
        while ((env = idle.pollFirst()) != null) {
            if (env.alive()) {
                return env;
            }
            discard(env);
        }
        return null;
    }

    private ExecutionEnvironment start() {
        String name = function.name() + "-" + started.incrementAndGet();
        ExecutionEnvironment env = starter.start(name, function.definition(), environment, codeClassPath);
        all.add(env);
        return env;
    }

    private void discard(ExecutionEnvironment env) {
        all.remove(env);
        idle.remove(env);
        env.close();
    }

    /** Ends the environments idle for longer than {@code idleTimeout}. */
    void reap(Duration idleTimeout) {
        Instant cutoff = Instant.now().minus(idleTimeout);
        for (ExecutionEnvironment env : List.copyOf(idle)) {
            if (env.idleSince().isBefore(cutoff) && idle.remove(env)) {
                reaped.incrementAndGet();
                discard(env);
            }
        }
    }

    EnvironmentStats stats() {
        return new EnvironmentStats(function.name(), all.size(), idle.size(), started.get(), reaped.get(), died.get(),
                List.copyOf(coldStartMillis), all.stream().map(ExecutionEnvironment::pid).sorted().toList());
    }

    void close() {
        for (ExecutionEnvironment env : new ArrayList<>(all)) {
            discard(env);
        }
    }
}
