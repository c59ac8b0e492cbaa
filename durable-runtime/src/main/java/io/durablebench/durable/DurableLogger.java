package io.durablebench.durable;

/**
 * Logs one JSON line per message, tagged with the execution and operation, and stays silent while
 * the invocation replays code that already ran (so a message is logged once per execution, not
 * once per replay).
 */
public interface DurableLogger {
    void info(String message, Object... args);

    void warn(String message, Object... args);

    void error(String message, Object... args);

    void debug(String message, Object... args);
}
