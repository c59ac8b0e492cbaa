package io.durablebench.reliability;

/**
 * One crash run: where the process hosting the handler was killed, whether the kill happened there
 * (a run can end before reaching a boundary its clean run had), and how the run ended.
 *
 * @param workflow the workflow's name
 * @param point    e.g. {@code before checkpoint 3} or {@code after write 2 (TransactWriteItems)}
 * @param hit      the process was killed at that point
 * @param verdict  the run's end after the restart
 */
public record CrashRun(String workflow, String point, boolean hit, Verdict verdict) {
}
