package io.durablebench.loadtest;

import io.durablebench.video.media.SyntheticVideoSpec;
import io.durablebench.video.pipeline.JobSlices;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

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
public final class ChunkSweepCommand implements Callable<Integer> {
    /** Chunks at a time on both sides, as in the experiment's sweep (1,000 threads overwhelmed DynamoDB Local). */
    static final int CONCURRENCY = ExperimentCommand.CHUNK_SWEEP_CONCURRENCY;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--chunk-counts", split = ",", defaultValue = "10,100,1000,10000",
            description = "chunk counts, each at most the source's frames (default: 10,100,1000,10000)")
    List<Integer> chunkCounts;

    @Option(names = "--runs", defaultValue = "2", description = "measured runs per side and chunk count (default: 2)")
    int runs;

    @Option(names = "--warmups", defaultValue = "1",
            description = "runs per side before the smallest chunk count, not recorded (default: 1)")
    int warmups;

    @Option(names = "--source", defaultValue = "tiny",
            description = "video source: tiny (400 s of 16x16 at 25 fps, 10,000 frames: little media work per chunk,"
                    + " so coordination shows), long (40 s 64x48, 1,000 frames) or small (2 s 96x64, 24 frames)"
                    + " (default: tiny)")
    String source;

    @Option(names = "--fan-out", defaultValue = "in-process",
            description = "in-process or per-chunk-invocation (default: in-process)")
    String fanOut;

    @Option(names = "--slice-chunks", description = "embedded target: chunks per slice (VIDEO_SLICE_CHUNKS of every"
            + " function, 1..2500; default: the template's, 1,000), to see the slice structure at small chunk counts")
    Integer sliceChunks;

    @Option(names = "--out", defaultValue = "results/chunk-sweep", description = "output folder (default: results/chunk-sweep)")
    Path out;

    @Override
    public Integer call() throws Exception {
        target.validate();
        check(runs >= 1 && warmups >= 0, "--runs must be at least 1 and --warmups 0 or more");
        check(List.of("tiny", "long", "small").contains(source), "--source must be tiny, long or small, got '" + source
                + "'");
        check(fanOut.equals(VideoWorkload.IN_PROCESS) || fanOut.equals(VideoWorkload.PER_CHUNK_INVOCATION),
                "--fan-out must be in-process or per-chunk-invocation, got '" + fanOut + "'");
        if (sliceChunks != null) {
            check(target.target.equals("embedded"), "--slice-chunks applies to --target embedded only (a deployed"
                    + " stack's slice size is its template's)");
            check(sliceChunks >= 1 && sliceChunks <= JobSlices.MAX_SLICE_CHUNKS, "--slice-chunks must be 1.."
                    + JobSlices.MAX_SLICE_CHUNKS + ", got " + sliceChunks);
            target.embeddedEnvironment = java.util.Map.of("VIDEO_SLICE_CHUNKS", Integer.toString(sliceChunks));
        }
        SyntheticVideoSpec video = RunCommand.source(source);
        check(!chunkCounts.isEmpty(), "--chunk-counts needs at least one count");
        for (int c : chunkCounts) {
            check(c >= 1 && c <= video.frameCount() && c <= io.durablebench.model.video.VideoRequest.MAX_CHUNKS,
                    "--chunk-counts must be 1.." + Math.min(video.frameCount(),
                            io.durablebench.model.video.VideoRequest.MAX_CHUNKS) + " for this source, got " + c);
        }
        String command = "load-test " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        String started = Instant.now().toString();
        String commit = Git.head(); // generated figures (md, csv, png) do not count as changes
        int exit = Driver.run(target, plan(video), out, command, System.out);
        ChunkSweepReport.write(out.resolve("chunk-sweep.md"), CsvFile.read(out.resolve("runs.csv")),
                new ChunkSweepReport.Context(command, started, Machine.describe(), commit,
                        source + " (" + video.width() + "x" + video.height() + ", " + video.fps() + " fps, "
                                + video.frameCount() + " frames, a keyframe every " + video.keyInterval() + ")",
                        CONCURRENCY, sliceChunks == null ? JobSlices.DEFAULT_SLICE_CHUNKS + " (the template's)"
                                : sliceChunks + " (--slice-chunks)"));
        System.out.println("wrote " + out.resolve("chunk-sweep.md"));
        return exit;
    }

    List<RunSpec> plan(SyntheticVideoSpec video) {
        List<RunSpec> plan = new ArrayList<>();
        boolean first = true;
        for (int chunks : chunkCounts.stream().sorted().toList()) {
            for (String v : List.of(Variants.DURABLE, Variants.BASELINE)) {
                plan.add(RunSpec.video(v, fanOut, "chunk-sweep", runs, first ? warmups : 0, 1, chunks, 0, 42,
                        video, Math.min(chunks, CONCURRENCY)));
            }
            first = false;
        }
        return plan;
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
