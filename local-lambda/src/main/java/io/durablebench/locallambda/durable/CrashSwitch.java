package io.durablebench.locallambda.durable;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only fault injection: halts the whole JVM ({@code Runtime.halt(137)}, no shutdown hook, no
 * flush, like {@code kill -9}) at the n-th CheckpointDurableExecution call of the executions whose
 * name starts with a prefix (and of their chained-invoke children), so that reliability tests can
 * crash the service at every step boundary of a workflow.
 *
 * <p><b>Off unless explicitly set.</b> Read once from system properties, never from the functions'
 * environment:
 * <ul>
 *   <li>{@code locallambda.crash.at} = {@code before:N} (the N-th call was received, nothing applied)
 *       or {@code after:N} (the N-th call was applied and synced to the journal, the response not sent);</li>
 *   <li>{@code locallambda.crash.prefix} = the execution name prefix (required with {@code crash.at});</li>
 *   <li>{@code locallambda.crash.report} = optional file that gets one line before the halt,
 *       {@code <point> <call> <execution name> <arn>}, synced, so the test knows which call it hit.</li>
 * </ul>
 * Calls are counted in this process only (a restarted service without the properties never halts).
 */
public final class CrashSwitch {
    public static final String AT = "locallambda.crash.at";
    public static final String PREFIX = "locallambda.crash.prefix";
    public static final String REPORT = "locallambda.crash.report";

    /** Where in a checkpoint call the halt happens. */
    public enum Point { BEFORE, AFTER }

    private static final CrashSwitch OFF = new CrashSwitch(null, 0, null, null);

    private final Point point;
    private final int call;
    private final String prefix;
    private final Path report;
    private final AtomicInteger seen = new AtomicInteger();

    CrashSwitch(Point point, int call, String prefix, Path report) {
        this.point = point;
        this.call = call;
        this.prefix = prefix;
        this.report = report;
    }

    /** The switch the system properties describe; {@link #off()} when {@code locallambda.crash.at} is not set. */
    public static CrashSwitch fromSystemProperties() {
        String at = System.getProperty(AT);
        if (at == null || at.isBlank()) {
            return OFF;
        }
        String prefix = System.getProperty(PREFIX);
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException(PREFIX + " is required with " + AT);
        }
        String report = System.getProperty(REPORT);
        return parse(at, prefix, report == null || report.isBlank() ? null : Path.of(report));
    }

    static CrashSwitch parse(String at, String prefix, Path report) {
        int colon = at.indexOf(':');
        Point point;
        int n;
        try {
            point = Point.valueOf(at.substring(0, Math.max(colon, 0)).toUpperCase(Locale.ROOT));
            n = Integer.parseInt(at.substring(colon + 1));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(AT + " must be before:N or after:N with N >= 1, got '" + at + "'");
        }
        if (n < 1) {
            throw new IllegalArgumentException(AT + " must be before:N or after:N with N >= 1, got '" + at + "'");
        }
        return new CrashSwitch(point, n, prefix, report);
    }

    public static CrashSwitch off() {
        return OFF;
    }

    public boolean enabled() {
        return point != null;
    }

    /** Whether an execution (by its own name or an ancestor's: chained-invoke children) is one the switch watches. */
    boolean watches(ExecutionHeader execution, java.util.function.Function<String, ExecutionHeader> byArn) {
        if (!enabled()) {
            return false;
        }
        ExecutionHeader h = execution;
        for (int depth = 0; h != null && depth < 16; depth++) {
            if (h.executionName().startsWith(prefix)) {
                return true;
            }
            h = h.parentArn() == null ? null : byArn.apply(h.parentArn());
        }
        return false;
    }

    /** Counts one watched call; returns its number. */
    int count() {
        return seen.incrementAndGet();
    }

    /** Halts the JVM if call {@code n} is the one to crash at {@code here}. */
    void maybeHalt(Point here, int n, String executionName, String arn) {
        if (point != here || n != call) {
            return;
        }
        if (report != null) {
            try (FileChannel ch = FileChannel.open(report, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap((point.name().toLowerCase(Locale.ROOT) + " " + n + " " + executionName
                        + " " + arn + "\n").getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            } catch (IOException e) {
                // the halt matters more than the report; the test sees the report missing
            }
        }
        Runtime.getRuntime().halt(137);
    }
}
