package io.durablebench.coldstart;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Between the benchmark and the {@link RelayHandler}s the local Lambda hosts (same JVM): the
 * benchmark arms one function with the package to start, the relay takes it for exactly one
 * invocation and reports the measurement back.
 */
final class ColdStartSession {
    private static volatile ColdStartSession current = new ColdStartSession();

    /** What to start for the next invocation of a function. */
    record Armed(String function, String variant, Path taskRoot, String handler, List<String> jvmFlags,
                 Path runtimeLib, boolean snapStart, Duration invokeLimit) {
        FreshRuntime.Launch launch(Map<String, String> environment) {
            return new FreshRuntime.Launch(taskRoot, handler, environment, jvmFlags, runtimeLib, snapStart);
        }
    }

    /** A measurement, or the failure that prevented it. */
    record Result(Armed armed, FreshRuntime.Measurement measurement, RuntimeException failure) {
    }

    private final Map<String, Armed> armed = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Result> results = new LinkedBlockingQueue<>();

    static ColdStartSession current() {
        return current;
    }

    static ColdStartSession begin() {
        current = new ColdStartSession();
        return current;
    }

    void arm(Armed a) {
        if (armed.putIfAbsent(a.function(), a) != null) {
            throw new IllegalStateException(a.function() + " is armed already");
        }
    }

    Armed take(String function) {
        return function == null ? null : armed.remove(function);
    }

    void record(Armed a, FreshRuntime.Measurement m) {
        results.add(new Result(a, m, null));
    }

    void failed(Armed a, RuntimeException e) {
        results.add(new Result(a, null, e));
    }

    /** The next result, or null after {@code timeout} (the function is disarmed then). */
    Result await(String function, Duration timeout) throws InterruptedException {
        Result r = results.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (r == null) {
            armed.remove(function);
        }
        return r;
    }
}
