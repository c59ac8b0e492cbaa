package io.durablebench.reliability;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The loop both crash sweeps share: for every chosen k of the clean run's n writes or calls, one run
 * crashed at each point (before, after) of the k-th, each printed as it ends.
 */
final class CrashSweepRuns {
    /** One crashed run: at the k-th write or call, at the point, under the run id (tag-k, then b or a). */
    interface CrashAt<P> {
        CrashRun run(int k, P point, String runId);
    }

    private CrashSweepRuns() {
    }

    static <P extends Enum<P>> List<CrashRun> sweep(long n, IntPredicate chosen, P[] points, String tag,
                                                    int whereWidth, PrintStream progress, CrashAt<P> crashAt) {
        List<CrashRun> runs = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            if (!chosen.test(k)) {
                continue;
            }
            for (P point : points) {
                String runId = tag + "-" + k + point.name().substring(0, 1).toLowerCase(java.util.Locale.ROOT);
                CrashRun r = crashAt.run(k, point, runId);
                Verdict v = r.verdict();
                runs.add(r);
                progress.printf("  %-" + whereWidth + "s killed=%-5s finished=%-5s correct=%-5s dup=%d lost=%d %s%n",
                        r.point(), r.hit(), v.finished(), v.correct(), v.duplicated(), v.lost(), v.detail());
            }
        }
        return runs;
    }
}
