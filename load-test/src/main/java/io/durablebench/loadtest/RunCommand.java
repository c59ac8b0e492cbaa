package io.durablebench.loadtest;

import io.durablebench.model.video.VideoRequest;
import io.durablebench.video.media.SyntheticVideoSpec;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** One configuration per workload and variant, as the options say. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure the chosen workloads and variants on a target: runs.csv, summary.md and PNG charts in --out.")
public final class RunCommand extends MeasuringCommand {
    /** The workloads a user chooses from (the no-op is the harness's, measured with --overhead-runs). */
    static final List<Workload> WORKLOADS = List.of(Workload.COUNTER_BATCH, Workload.COUNTER_ENTITY, Workload.VIDEO);
    static final List<String> VARIANTS = List.of(Variants.DURABLE, Variants.BASELINE, Variants.BASELINE_PAPER);

    public RunCommand() {
        super("load-test-out");
    }

    @Option(names = "--workloads", split = ",", defaultValue = "counter-batch,counter-entity,video",
            description = "comma-separated: counter-batch, counter-entity, video (default: all)")
    List<String> workloads;

    @Option(names = "--variants", split = ",", defaultValue = "durable,baseline",
            description = "comma-separated: durable, baseline, baseline-paper (video only: the paper's polling"
                    + " design) (default: durable,baseline)")
    List<String> variants;

    @Mixin
    RunCountOptions counts = new RunCountOptions(10, 1);

    @Option(names = "--concurrency", defaultValue = "1", description = "runs at the same time (default: 1)")
    int concurrency;

    @Option(names = "--chunks", defaultValue = "10", description = "video: chunks per job, 1..10000 (default: 10)")
    int chunks;

    int maxConcurrency;
    double failureRate;

    @Option(names = "--max-concurrency", defaultValue = "0",
            description = "video: chunks encoded at the same time, 0 for all at once (default: 0)")
    void maxConcurrency(int chunksAtATime) {
        check(chunksAtATime >= 0 && chunksAtATime <= VideoRequest.MAX_CHUNKS, "--max-concurrency must be 0.."
                + VideoRequest.MAX_CHUNKS + ", got " + chunksAtATime);
        maxConcurrency = chunksAtATime;
    }

    @Option(names = "--failure-rate", defaultValue = "0",
            description = "video: injected chunk failure probability per attempt, 0..1 (default: 0)")
    void failureRate(double probability) {
        check(probability >= 0 && probability <= 1, "--failure-rate must be between 0 and 1, got " + probability);
        failureRate = probability;
    }

    @Option(names = "--seed", defaultValue = "42", description = "seed of the injected failures (default: 42)")
    long seed;

    @Mixin
    VideoSourceOptions video = new VideoSourceOptions("benchmark", VideoSourceOptions.ALL);

    @Option(names = "--overhead-runs", defaultValue = "50",
            description = "no-op invocations measuring the harness's own overhead, 0 to skip (default: 50)")
    int overheadRuns;

    @Override
    Integer run() throws Exception {
        check(concurrency >= 1 && concurrency <= 64, "--concurrency must be 1..64, got " + concurrency);
        check(chunks >= 1 && chunks <= VideoRequest.MAX_CHUNKS, "--chunks must be 1.." + VideoRequest.MAX_CHUNKS
                + ", got " + chunks);
        check(overheadRuns >= 0, "--overhead-runs must be 0 or more");
        List<String> names = WORKLOADS.stream().map(Workload::name).toList();
        for (String w : workloads) {
            check(names.contains(w), "unknown workload '" + w + "'; choose from " + names);
        }
        for (String v : variants) {
            check(VARIANTS.contains(v), "unknown variant '" + v + "'; choose from " + VARIANTS);
        }
        SyntheticVideoSpec source = video.spec();
        check(chunks <= source.frameCount(), "--chunks " + chunks + " exceeds the source's " + source.frameCount()
                + " frames");
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
                        ? RunSpec.video(v, video.fanOut, "main", counts.runs, counts.warmups, concurrency, chunks,
                                failureRate, seed, source, maxConcurrency)
                        : RunSpec.of(w, v, "main", counts.runs, counts.warmups, concurrency, seed));
            }
        }
        if (overheadRuns > 0 && target.hasNoOp()) {
            // last, when the invoke path is as warm as it was for the measured runs
            plan.add(RunSpec.of(Workload.NOOP, Variants.NOOP, "overhead", overheadRuns, Math.min(50, overheadRuns), 1, seed));
        }
        return Driver.run(target, plan, out, typed(), System.out);
    }
}
