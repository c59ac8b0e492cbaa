package io.durablebench.loadtest;

import io.durablebench.video.media.SyntheticVideoSpec;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The whole experiment (what {@code scripts/run.sh} runs): the paper's workloads (counter batch,
 * video: durable, our baseline and the paper's polling baseline), the counter entity, each with
 * enough runs for a ±3 % interval of its durable / baseline latency ratio, the harness's overhead,
 * and the two sweeps, sized to finish within 10 minutes on 2 cores.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the full experiment (main workloads, overhead, failure-rate and chunk-count sweeps)"
                + " into --out (default: results).")
public final class ExperimentCommand extends MeasuringCommand {
    /**
     * Chunks encoded at the same time in the chunk-count sweep, on both sides. Without a limit the
     * baseline's 1,000 threads hammered DynamoDB Local (through its counting proxy) until calls failed
     * (measured: 310 failed calls, 633 SDK retries, the job failed with SdkClientException on 2 busy
     * cores); a deployment would limit it too.
     */
    static final int CHUNK_SWEEP_CONCURRENCY = 100;

    public ExperimentCommand() {
        super("results");
    }

    /**
     * Measured runs per variant of the main part, per workload: enough for each workload's durable /
     * baseline latency ratio to have a 95 % bootstrap interval within ±3 %. Chosen from measured
     * variance (results/run-counts.md, {@code load-test run-counts --from results/runs.csv}: the last
     * full run on a quiet machine, 10 runs per side, needed 263, 54 and 16) with a margin of 1.5 for the
     * uncertainty of a variance estimated from 10 runs. The paper ran 10.
     */
    static final int COUNTER_BATCH_RUNS = 400;
    static final int COUNTER_ENTITY_RUNS = 80;
    static final int VIDEO_RUNS = 24;

    @Mixin
    MainRuns main = new MainRuns();

    @Option(names = "--sweep-runs", defaultValue = "5",
            description = "runs per side and failure rate in the failure-rate sweep (default: 5)")
    int sweepRuns;

    @Option(names = "--failure-rates", split = ",", defaultValue = "0,0.1,0.3,0.5",
            description = "failure rates of the sweep (default: 0,0.1,0.3,0.5)")
    List<Double> failureRates;

    @Option(names = "--failed-job-runs", defaultValue = "2",
            description = "runs per side of the failure sweep's point at failure rate 1 (every chunk attempt fails, so "
                    + "every job fails for good and compensates: objects left behind, compensation cost; each run "
                    + "waits out the whole retry policy, about a minute) (default: 2)")
    int failedJobRuns;

    @Option(names = "--chunk-counts", split = ",", defaultValue = "10,100,1000",
            description = "chunk counts of the chunk-count sweep, on a 1,000-frame source (default: 10,100,1000)")
    List<Integer> chunkCounts;

    @Option(names = "--chunk-runs", defaultValue = "3",
            description = "runs per side and chunk count below 1,000 chunks (default: 3)")
    int chunkRuns;

    @Option(names = "--chunk-runs-1000", defaultValue = "2",
            description = "runs per side at 1,000 chunks (default: 2; they take the longest)")
    int chunkRuns1000;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the injected failures (default: 42)")
    long seed;

    @Option(names = "--skip-entity", description = "leave out the counter entity (beyond the paper)")
    boolean skipEntity;

    @Override
    Integer run() throws Exception {
        check(sweepRuns >= 0 && chunkRuns >= 0 && chunkRuns1000 >= 0 && failedJobRuns >= 0,
                "sweep run counts must not be negative");
        for (double r : failureRates) {
            check(r >= 0 && r <= 1, "--failure-rates must be between 0 and 1, got " + r);
        }
        SyntheticVideoSpec longSource = VideoSourceOptions.named("long");
        for (int c : chunkCounts) {
            check(c >= 1 && c <= longSource.frameCount(), "--chunk-counts must be 1.." + longSource.frameCount() + ", got " + c);
        }
        List<RunSpec> plan = plan(target.hasNoOp());
        return Driver.run(target, plan, out, typed(),
                System.out);
    }

    List<RunSpec> plan(boolean withNoOp) {
        List<RunSpec> plan = new ArrayList<>();
        for (String v : Workload.COUNTER_BATCH.variants()) {
            plan.add(RunSpec.of(Workload.COUNTER_BATCH, v, "main", main.counterRuns, 20, 1, seed));
        }
        if (!skipEntity) {
            for (String v : Workload.COUNTER_ENTITY.variants()) {
                plan.add(RunSpec.of(Workload.COUNTER_ENTITY, v, "main", main.entityRuns, 10, 1, seed));
            }
        }
        SyntheticVideoSpec benchmark = VideoSourceOptions.named("benchmark");
        for (String v : Workload.VIDEO.variants()) {
            plan.add(RunSpec.video(v, VideoWorkload.IN_PROCESS, "main", main.videoRuns, 2, 1, 10, 0, seed, benchmark, 0));
        }
        if (withNoOp) {
            // Right after the main runs its share is reported against: the invoke path is as warm as it
            // was for them, and the JVM (heap, threads) is in their state, not in that of the 1,000-chunk
            // sweep (measured last, its p99 tripled from GC pauses).
            plan.add(RunSpec.of(Workload.NOOP, Variants.NOOP, "overhead", 200, 50, 1, seed));
        }
        // The sweeps use small sources so that media work does not drown the coordination figures and the
        // whole experiment fits in about 10 minutes on 2 cores. Runs go one at a time everywhere, so that
        // the embedded target counts each run's store calls on the wire (see Workloads#run).
        SyntheticVideoSpec small = VideoSourceOptions.named("small");
        for (double rate : failureRates) {
            for (String v : List.of(Variants.DURABLE, Variants.BASELINE)) {
                if (sweepRuns > 0) {
                    plan.add(RunSpec.video(v, VideoWorkload.IN_PROCESS, "failure-sweep", sweepRuns, 0, 1, 10, rate, seed,
                            small, 0));
                }
            }
        }
        if (failedJobRuns > 0 && !failureRates.contains(1.0)) {
            for (String v : List.of(Variants.DURABLE, Variants.BASELINE)) {
                plan.add(RunSpec.video(v, VideoWorkload.IN_PROCESS, "failure-sweep", failedJobRuns, 0, 1, 10, 1.0, seed,
                        small, 0));
            }
        }
        SyntheticVideoSpec longSource = VideoSourceOptions.named("long");
        for (int chunks : chunkCounts) {
            int n = chunks >= 1000 ? chunkRuns1000 : chunkRuns;
            for (String v : List.of(Variants.DURABLE, Variants.BASELINE)) {
                if (n > 0) {
                    plan.add(RunSpec.video(v, VideoWorkload.IN_PROCESS, "chunk-sweep", n, 0, 1, chunks, 0, seed, longSource,
                            Math.min(chunks, CHUNK_SWEEP_CONCURRENCY)));
                }
            }
        }
        return plan;
    }
}
