package io.durablebench.loadtest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a list of {@link RunSpec}s on one target, appending each measured run to {@code runs.csv} as it
 * ends (warm-ups are run first and not recorded), with a progress bar. The rows measured so far are
 * available at any time ({@link #records()}), which is what an interrupted run writes its summary from.
 */
public final class Experiment {
    private final RunMeasurer measurer;
    private final Prices prices;
    private final List<RunRecord> records = Collections.synchronizedList(new ArrayList<>());

    public Experiment(Target target, Prices prices, String idPrefix) {
        this.measurer = new RunMeasurer(target, idPrefix);
        this.prices = prices;
    }

    public List<RunRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    public void execute(List<RunSpec> specs, Path csvFile, PrintStream progressOut) throws InterruptedException {
        int total = specs.stream().mapToInt(s -> s.runs() + s.warmups()).sum();
        for (RunSpec s : specs) {
            measurer.prepare(s); // refuse what the target cannot run before measuring anything
        }
        Progress progress = new Progress(progressOut, total);
        try (CsvFile csv = new CsvFile(csvFile)) {
            for (List<RunSpec> group : comparableGroups(specs)) {
                if (group.size() == 1 || group.stream().anyMatch(s -> s.concurrency() > 1)) {
                    for (RunSpec spec : group) {
                        runAll(spec, true, spec.warmups(), progress, csv);
                        runAll(spec, false, spec.runs(), progress, csv);
                    }
                    continue;
                }
                // Variants compared with each other take turns, run by run, after all their warm-ups: a
                // drift of the machine (other load, the JIT warming up the shared media code) then hits
                // every variant alike instead of whichever ran first.
                for (RunSpec spec : group) {
                    runAll(spec, true, spec.warmups(), progress, csv);
                }
                int most = group.stream().mapToInt(RunSpec::runs).max().orElse(0);
                for (int i = 0; i < most; i++) {
                    for (RunSpec spec : group) {
                        if (i < spec.runs()) {
                            runOne(spec, false, i, progress, csv);
                        }
                    }
                }
            }
        } finally {
            progress.finish();
        }
    }

    private void runAll(RunSpec spec, boolean warmup, int count, Progress progress, CsvFile csv)
            throws InterruptedException {
        if (count == 0) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, spec.concurrency()), r -> {
            Thread t = new Thread(r, "load-test-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    runOne(spec, warmup, index, progress, csv);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(spec.label() + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void runOne(RunSpec spec, boolean warmup, int index, Progress progress, CsvFile csv) {
        Stopwatch clock = Stopwatch.start();
        RunRecord r;
        try {
            r = measurer.run(spec, runId(spec, warmup, index), index);
        } catch (RuntimeException e) {
            // a run that could not even be measured (e.g. the invoke itself failed) is a failed run
            r = Measured.unmeasured(spec, index, clock.started(), clock.elapsedMs(), e.getClass().getSimpleName());
        }
        if (!warmup) {
            r = r.withCost(prices.costOf(r));
            records.add(r);
            csv.append(r);
        }
        progress.advance(spec.label(), warmup, r.success(), r.latencyMs());
    }

    /** Consecutive specs that differ only in variant (same workload, experiment, mode, chunks, failure rate, source). */
    static List<List<RunSpec>> comparableGroups(List<RunSpec> specs) {
        List<List<RunSpec>> groups = new ArrayList<>();
        for (RunSpec s : specs) {
            List<RunSpec> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            RunSpec f = last == null ? null : last.get(0);
            if (f != null && f.workload().equals(s.workload()) && f.experiment().equals(s.experiment())
                    && f.mode().equals(s.mode()) && f.chunks() == s.chunks() && f.failureRate() == s.failureRate()
                    && java.util.Objects.equals(f.source(), s.source())) {
                last.add(s);
            } else {
                List<RunSpec> g = new ArrayList<>();
                g.add(s);
                groups.add(g);
            }
        }
        return groups;
    }

    /**
     * Unique within the experiment; the same for the durable and the optimized baseline side of one
     * configuration and index (same injected failures), and never shared by two functions that keep
     * state under the id in the same store.
     */
    static String runId(RunSpec s, boolean warmup, int index) {
        String mode = s.mode().equals(VideoWorkload.PER_CHUNK_INVOCATION) ? "pc" : s.mode().substring(0, 2);
        return String.format(Locale.ROOT, "%s-%s-%s-%dc-%dp-s%d-%s%d%s", s.workload().idCode(), s.experiment(), mode,
                s.chunks(), Math.round(s.failureRate() * 100), s.seed(), warmup ? "w" : "r", index,
                s.variant().equals(Variants.BASELINE_PAPER) ? "-pp" : "");
    }
}
