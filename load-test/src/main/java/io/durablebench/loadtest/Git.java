package io.durablebench.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The commit a generated table was measured at, for its header. */
final class Git {
    private Git() {
    }

    /**
     * {@code git rev-parse --short HEAD}, "+ uncommitted changes" if the code differs from it, or "unknown" without
     * git. Generated figures (markdown, CSV, PNG) do not count: {@code scripts/figures.sh} rewrites them step by step.
     */
    static String head() {
        String commit = run("git", "rev-parse", "--short", "HEAD");
        if (commit.isEmpty()) {
            return "unknown (no git)";
        }
        return run("git", "status", "--porcelain", "--untracked-files=no", "--", ":/", ":(top,exclude)*.md", ":(top,exclude)*.csv",
                ":(top,exclude)*.png").isEmpty() ? commit
                : commit + " + uncommitted changes";
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "";
            }
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
