package io.durablebench.loadtest;

import io.durablebench.video.media.SyntheticVideoSpec;
import io.durablebench.video.pipeline.JobSlices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The chunk-count sweep as a benchmark of its own, up to jobs larger than one durable execution:
 * the video pipeline at each chunk count on both sides (durable and the optimized baseline, taking
 * turns run by run), then {@code chunk-sweep.md} ({@link ChunkSweepReport}): cost and latency per
 * chunk count and per chunk, and each run's largest durable execution against Lambda's limits.
 * Not part of {@code experiment} (a 10,000-chunk job takes minutes on 2 cores).
 */
@Command(name = "chunk-sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Video jobs of 10 to 10,000 chunks on both sides: runs.csv, summary.md, charts and chunk-sweep.md"
                + " (cost and latency growth, operations and bytes per execution against Lambda's limits) in --out.")
public final class ChunkSweepCommand extends MeasuringCommand {
    /** Chunks at a time on both sides, as in the experiment's sweep (1,000 threads overwhelmed DynamoDB Local). */
    static final int CONCURRENCY = ExperimentCommand.CHUNK_SWEEP_CONCURRENCY;

    public ChunkSweepCommand() {
        super("results/chunk-sweep");
    }

    @Option(names = "--chunk-counts", split = ",", defaultValue = "10,100,1000,10000",
            description = "chunk counts, each at most the source's frames (default: 10,100,1000,10000)")
    List<Integer> chunkCounts;

    @Mixin
    RunCountOptions counts = new RunCountOptions(2, 1);

    /** tiny by default: 10,000 frames, little media work per chunk, so coordination shows. */
    @Mixin
    VideoSourceOptions video = new VideoSourceOptions("tiny", List.of("tiny", "long", "small"));

    @Option(names = "--slice-chunks", description = "embedded target: chunks per slice (VIDEO_SLICE_CHUNKS of every"
            + " function, 1..2500; default: the template's, 1,000), to see the slice structure at small chunk counts")
    Integer sliceChunks;

    @Override
    Integer run() throws Exception {
        SyntheticVideoSpec source = video.spec();
        if (sliceChunks != null) {
            check(target.target.equals("embedded"), "--slice-chunks applies to --target embedded only (a deployed"
                    + " stack's slice size is its template's)");
            check(sliceChunks >= 1 && sliceChunks <= JobSlices.MAX_SLICE_CHUNKS, "--slice-chunks must be 1.."
                    + JobSlices.MAX_SLICE_CHUNKS + ", got " + sliceChunks);
            target.embeddedEnvironment = java.util.Map.of("VIDEO_SLICE_CHUNKS", Integer.toString(sliceChunks));
        }
        check(!chunkCounts.isEmpty(), "--chunk-counts needs at least one count");
        for (int c : chunkCounts) {
            check(c >= 1 && c <= source.frameCount() && c <= io.durablebench.model.video.VideoRequest.MAX_CHUNKS,
                    "--chunk-counts must be 1.." + Math.min(source.frameCount(),
                            io.durablebench.model.video.VideoRequest.MAX_CHUNKS) + " for this source, got " + c);
        }
        String command = typed();
        String started = Instant.now().toString();
        String commit = Git.head(); // generated figures (md, csv, png) do not count as changes
        int exit = Driver.run(target, plan(source), out, command, System.out);
        ChunkSweepReport.write(out.resolve("chunk-sweep.md"), CsvFile.read(out.resolve("runs.csv")),
                new ChunkSweepReport.Context(command, started, Machine.describe(), commit,
                        video.source + " (" + source.width() + "x" + source.height() + ", " + source.fps()
                                + " fps, " + source.frameCount() + " frames, a keyframe every " + source.keyInterval()
                                + ")",
                        CONCURRENCY, sliceChunks == null ? JobSlices.DEFAULT_SLICE_CHUNKS + " (the template's)"
                                : sliceChunks + " (--slice-chunks)"));
        System.out.println("wrote " + out.resolve("chunk-sweep.md"));
        return exit;
    }

    List<RunSpec> plan(SyntheticVideoSpec source) {
        List<RunSpec> plan = new ArrayList<>();
        boolean first = true;
        for (int chunks : chunkCounts.stream().sorted().toList()) {
            for (String v : List.of(Variants.DURABLE, Variants.BASELINE)) {
                plan.add(RunSpec.video(v, video.fanOut, "chunk-sweep", counts.runs, first ? counts.warmups : 0, 1,
                        chunks, 0, 42, source, Math.min(chunks, CONCURRENCY)));
            }
            first = false;
        }
        return plan;
    }
}
