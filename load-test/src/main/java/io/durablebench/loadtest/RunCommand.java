package io.durablebench.loadtest;

import io.durablebench.model.video.VideoRequest;
import io.durablebench.video.media.SyntheticVideoSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** One configuration per workload and variant, as the options say. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure the chosen workloads and variants on a target: runs.csv, summary.md and PNG charts in --out.")
public final class RunCommand implements Callable<Integer> {
    /** The workloads a user chooses from (the no-op is the harness's, measured with --overhead-runs). */
    static final List<Workload> WORKLOADS = List.of(Workload.COUNTER_BATCH, Workload.COUNTER_ENTITY, Workload.VIDEO);
    static final List<String> VARIANTS = List.of(Variants.DURABLE, Variants.BASELINE, Variants.BASELINE_PAPER);

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--workloads", split = ",", defaultValue = "counter-batch,counter-entity,video",
            description = "comma-separated: counter-batch, counter-entity, video (default: all)")
    List<String> workloads;

    @Option(names = "--variants", split = ",", defaultValue = "durable,baseline",
            description = "comma-separated: durable, baseline, baseline-paper (video only: the paper's polling"
                    + " design) (default: durable,baseline)")
    List<String> variants;

    @Option(names = "--runs", defaultValue = "10", description = "measured runs per variant (default: 10)")
    int runs;

    @Option(names = "--warmups", defaultValue = "1", description = "runs per variant before measuring, not recorded (default: 1)")
    int warmups;

    @Option(names = "--concurrency", defaultValue = "1", description = "runs at the same time (default: 1)")
    int concurrency;

    @Option(names = "--chunks", defaultValue = "10", description = "video: chunks per job, 1..10000 (default: 10)")
    int chunks;

    @Option(names = "--max-concurrency", defaultValue = "0",
            description = "video: chunks encoded at the same time, 0 for all at once (default: 0)")
    int maxConcurrency;

    @Option(names = "--fan-out", defaultValue = "in-process",
            description = "video: in-process (threads / a durable map of steps) or per-chunk-invocation (default: in-process)")
    String fanOut;

    @Option(names = "--failure-rate", defaultValue = "0",
            description = "video: injected chunk failure probability per attempt, 0..1 (default: 0)")
    double failureRate;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the injected failures (default: 42)")
    long seed;

    @Option(names = "--source", defaultValue = "benchmark",
            description = "video source: benchmark (10 s 320x240 24 fps, 240 frames), small (2 s 96x64 12 fps, 24"
                    + " frames), long (40 s 64x48 25 fps, 1,000 frames) or tiny (400 s 16x16 25 fps, 10,000 frames)"
                    + " (default: benchmark)")
    String source;

    @Option(names = "--overhead-runs", defaultValue = "50",
            description = "no-op invocations measuring the harness's own overhead, 0 to skip (default: 50)")
    int overheadRuns;

    @Option(names = "--out", defaultValue = "load-test-out", description = "output folder (default: load-test-out)")
    Path out;

    @Override
    public Integer call() throws Exception {
        target.validate();
        check(runs >= 1, "--runs must be at least 1, got " + runs);
        check(warmups >= 0, "--warmups must be 0 or more, got " + warmups);
        check(concurrency >= 1 && concurrency <= 64, "--concurrency must be 1..64, got " + concurrency);
        check(chunks >= 1 && chunks <= VideoRequest.MAX_CHUNKS, "--chunks must be 1.." + VideoRequest.MAX_CHUNKS
                + ", got " + chunks);
        check(failureRate >= 0 && failureRate <= 1, "--failure-rate must be between 0 and 1, got " + failureRate);
        check(fanOut.equals(VideoWorkload.IN_PROCESS) || fanOut.equals(VideoWorkload.PER_CHUNK_INVOCATION),
                "--fan-out must be in-process or per-chunk-invocation, got '" + fanOut + "'");
        check(overheadRuns >= 0, "--overhead-runs must be 0 or more");
        check(maxConcurrency >= 0 && maxConcurrency <= VideoRequest.MAX_CHUNKS, "--max-concurrency must be 0.."
                + VideoRequest.MAX_CHUNKS + ", got " + maxConcurrency);
        List<String> names = WORKLOADS.stream().map(Workload::name).toList();
        for (String w : workloads) {
            check(names.contains(w), "unknown workload '" + w + "'; choose from " + names);
        }
        for (String v : variants) {
            check(VARIANTS.contains(v), "unknown variant '" + v + "'; choose from " + VARIANTS);
        }
        SyntheticVideoSpec video = source(source);
        check(video != null, "--source must be benchmark, small, long or tiny, got '" + source + "'");
        check(chunks <= video.frameCount(), "--chunks " + chunks + " exceeds the source's " + video.frameCount() + " frames");
        List<RunSpec> plan = new ArrayList<>();
        for (Workload w : WORKLOADS) {
            if (!workloads.contains(w.name())) {
                continue;
            }
            for (String v : variants) {
                if (!w.variants().contains(v)) {
                    continue; // paper mode exists for the video pipeline only
                }
                plan.add(w == Workload.VIDEO
                        ? RunSpec.video(v, fanOut, "main", runs, warmups, concurrency, chunks, failureRate, seed, video, maxConcurrency)
                        : RunSpec.of(w, v, "main", runs, warmups, concurrency, seed));
            }
        }
        if (overheadRuns > 0 && target.hasNoOp()) {
            // last, when the invoke path is as warm as it was for the measured runs
            plan.add(RunSpec.of(Workload.NOOP, Variants.NOOP, "overhead", overheadRuns, Math.min(50, overheadRuns), 1, seed));
        }
        return Driver.run(target, plan, out, "load-test " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
                System.out);
    }

    static SyntheticVideoSpec source(String name) {
        return switch (name) {
            case "benchmark" -> SyntheticVideoSpec.BENCHMARK;
            case "small" -> SyntheticVideoSpec.seconds(2, 96, 64, 12);
            case "long" -> SyntheticVideoSpec.seconds(40, 64, 48, 25);
            // enough frames for 10,000 one-frame chunks, each cheap to encode: jobs past one execution's limits
            case "tiny" -> SyntheticVideoSpec.seconds(400, 16, 16, 25);
            default -> null;
        };
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
