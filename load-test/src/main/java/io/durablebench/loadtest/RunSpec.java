package io.durablebench.loadtest;

import io.durablebench.video.media.SyntheticVideoSpec;

/**
 * One configuration to measure: what to run, how often, and under which conditions.
 *
 * @param workload    what one run is ({@link Workload})
 * @param variant     one of the workload's variants: durable, baseline, baseline-paper (video) or noop
 * @param mode        video: in-process or per-chunk-invocation; otherwise the workload's {@link Workload#defaultMode()}
 * @param experiment  the part of the experiment (main, failure-sweep, chunk-sweep, overhead)
 * @param runs        measured runs
 * @param warmups     runs before them, not recorded
 * @param concurrency runs at the same time
 * @param chunks      video chunks (0 otherwise)
 * @param failureRate injected chunk failure probability (video)
 * @param seed        seed of the injected failures
 * @param source      the video source (null otherwise)
 * @param maxConcurrency video: chunks encoded at the same time ({@code maxConcurrency} of the request); 0: all at once
 */
public record RunSpec(Workload workload, String variant, String mode, String experiment, int runs, int warmups,
                      int concurrency, int chunks, double failureRate, long seed, SyntheticVideoSpec source,
                      int maxConcurrency) {
    public RunSpec {
        workload.function(variant); // refuses a variant the workload does not have
    }

    /** A workload without video settings, in its default mode. */
    public static RunSpec of(Workload workload, String variant, String experiment, int runs, int warmups,
                             int concurrency, long seed) {
        return new RunSpec(workload, variant, workload.defaultMode(), experiment, runs, warmups, concurrency, 0, 0, seed,
                null, 0);
    }

    /** A video job configuration. */
    public static RunSpec video(String variant, String fanOut, String experiment, int runs, int warmups, int concurrency,
                                int chunks, double failureRate, long seed, SyntheticVideoSpec source, int maxConcurrency) {
        return new RunSpec(Workload.VIDEO, variant, fanOut, experiment, runs, warmups, concurrency, chunks, failureRate,
                seed, source, maxConcurrency);
    }

    public String label() {
        String s = workload.name() + " " + variant + workload.detail(this);
        return failureRate > 0 ? s + " " + Math.round(failureRate * 100) + "%fail" : s;
    }
}
