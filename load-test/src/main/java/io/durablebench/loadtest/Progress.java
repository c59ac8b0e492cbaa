package io.durablebench.loadtest;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on the terminal (stderr), redrawn after every run. */
final class Progress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final int total;
    private final long started = System.nanoTime();
    private int done;
    private int failed;

    Progress(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    synchronized void advance(String label, boolean warmup, boolean success, double latencyMs) {
        done++;
        failed += success ? 0 : 1;
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        long elapsed = (System.nanoTime() - started) / 1_000_000_000L;
        String line = String.format(Locale.ROOT, "\r[%s%s] %d/%d %3d%% %02d:%02d  %s%s %.0f ms%s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, total == 0 ? 100 : done * 100 / total,
                elapsed / 60, elapsed % 60, label, warmup ? " (warm-up)" : "", latencyMs,
                failed > 0 ? "  failed runs: " + failed : "");
        out.print(String.format("%-150s", line));
        out.flush();
    }

    synchronized void finish() {
        out.println();
        out.flush();
    }
}
