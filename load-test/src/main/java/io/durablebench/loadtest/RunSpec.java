package io.durablebench.loadtest;

import io.durablebench.video.media.SyntheticVideoSpec;

/**
 * One configuration to measure: what to run, how often, and under which conditions.
 *
 * @param workload    counter-batch, counter-entity, video or noop
 * @param variant     durable, baseline, baseline-paper (video) or noop
 * @param mode        video: in-process or per-chunk-invocation; counters: batch / entity; noop: invoke
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
public record RunSpec(String workload, String variant, String mode, String experiment, int runs, int warmups,
                      int concurrency, int chunks, double failureRate, long seed, SyntheticVideoSpec source,
                      int maxConcurrency) {
    public String label() {
        String s = workload + " " + variant + (workload.equals("video") ? " " + mode + " " + chunks + "ch" : "");
        return failureRate > 0 ? s + " " + Math.round(failureRate * 100) + "%fail" : s;
    }
}
