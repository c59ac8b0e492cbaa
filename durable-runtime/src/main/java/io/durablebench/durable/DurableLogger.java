package io.durablebench.durable;

/**
 * Logs one JSON line per message, tagged with the execution and operation, and stays silent while
 * the invocation replays code that already ran (so a message is logged once per execution, not
 * once per replay). An implementation writes a formatted message at a level; the level methods
 * format {@code message} with {@code args} ({@link String#format}) when there are any.
 */
@FunctionalInterface
public interface DurableLogger {
    /** The levels a message is logged at; their names are what a log line carries. */
    enum Level { INFO, WARN, ERROR, DEBUG }

    /** Writes one message, already formatted. */
    void write(Level level, String message);

    default void info(String message, Object... args) {
        write(Level.INFO, format(message, args));
    }

    default void warn(String message, Object... args) {
        write(Level.WARN, format(message, args));
    }

    default void error(String message, Object... args) {
        write(Level.ERROR, format(message, args));
    }

    default void debug(String message, Object... args) {
        write(Level.DEBUG, format(message, args));
    }

    private static String format(String message, Object... args) {
        return args == null || args.length == 0 ? message : String.format(message, args);
    }
}
