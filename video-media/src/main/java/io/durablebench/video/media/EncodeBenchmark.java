package io.durablebench.video.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures the media work of the pipeline on this machine, step by step, on the generated
 * source: probe (full decode), split, transcode every chunk, assemble, verify. Not a test: speed is
 * measured here and written down in README.md, never asserted.
 *
 * <pre>
 * java -cp ... io.durablebench.video.media.EncodeBenchmark [seconds width height fps chunks qp iterations threads]
 * </pre>
 * Defaults: 10 320 240 24 10 26 5 1. {@code threads} chunks are transcoded at a time (the in-process
 * fan-out); every other step runs on one thread. The first iterations warm the JIT up; each iteration prints
 * one line, and the last line is the median over the iterations after the first.
 */
public final class EncodeBenchmark {
    private EncodeBenchmark() {
    }

    public static void main(String[] args) {
        int seconds = arg(args, 0, 10);
        int width = arg(args, 1, 320);
        int height = arg(args, 2, 240);
        int fps = arg(args, 3, 24);
        int chunks = arg(args, 4, 10);
        int qp = arg(args, 5, EncodeSettings.DEFAULT_QP);
        int iterations = Math.max(2, arg(args, 6, 5));
        int threads = Math.max(1, arg(args, 7, 1));
        System.out.printf(Locale.ROOT, "java %s on %s %s, %d available processors; %d s %dx%d at %d fps, %d chunks, qp %d, "
                        + "%d transcode thread(s)%n",
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), seconds, width, height, fps, chunks, qp, threads);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        SyntheticVideoSpec spec = new SyntheticVideoSpec(width, height, fps, seconds * fps, fps, qp);
        List<double[]> rows = new ArrayList<>();
        System.out.println("iter  generate_fps  probe_decode_fps  split_ms  transcode_fps  assemble_ms  verify_decode_fps  source_bytes  output_bytes  p_frames");
        for (int it = 0; it < iterations; it++) {
            long t0 = System.nanoTime();
            byte[] source = SyntheticVideo.generate(spec);
            long t1 = System.nanoTime();
            VideoInfo info = VideoProbe.probe(source, MediaLimits.DEFAULT);
            long t2 = System.nanoTime();
            List<ChunkPlan> plan = ChunkPlanner.byCount(info, chunks);
            List<byte[]> segments = new ArrayList<>();
            for (ChunkPlan c : plan) {
                segments.add(VideoSplitter.segment(source, c));
            }
            long t3 = System.nanoTime();
            EncodeSettings settings = EncodeSettings.forSource(info).withQp(qp);
            List<java.util.concurrent.Future<byte[]>> futures = new ArrayList<>();
            for (ChunkPlan c : plan) {
                futures.add(pool.submit(() ->
                        ChunkTranscoder.transcode(segments.get(c.index()), VideoSplitter.withinSegment(c), settings).mp4()));
            }
            List<byte[]> encoded = new ArrayList<>();
            for (java.util.concurrent.Future<byte[]> f : futures) {
                try {
                    encoded.add(f.get());
                } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("transcode failed", e);
                }
            }
            long t4 = System.nanoTime();
            byte[] output = ChunkAssembler.assemble(encoded);
            long t5 = System.nanoTime();
            VideoVerification v = VideoVerifier.verify(output, info, settings);
            long t6 = System.nanoTime();
            if (!v.ok()) {
                throw new IllegalStateException("verification failed: " + v.mismatches());
            }
            int frames = info.frameCount();
            double[] row = {frames / sec(t0, t1), frames / sec(t1, t2), ms(t2, t3), frames / sec(t3, t4), ms(t4, t5),
                    frames / sec(t5, t6), source.length, output.length, frames - v.keyframes()};
            rows.add(row);
            print(Integer.toString(it), row);
        }
        double[] median = new double[rows.get(0).length];
        for (int col = 0; col < median.length; col++) {
            List<Double> values = new ArrayList<>();
            for (double[] r : rows.subList(1, rows.size())) {
                values.add(r[col]);
            }
            values.sort(Double::compare);
            median[col] = values.get(values.size() / 2);
        }
        print("med", median);
        pool.shutdown();
    }

    private static void print(String label, double[] r) {
        System.out.printf(Locale.ROOT, "%-4s  %12.1f  %16.1f  %8.1f  %13.1f  %11.1f  %17.1f  %12.0f  %12.0f  %8.0f%n",
                label, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]);
    }

    private static double sec(long from, long to) {
        return (to - from) / 1e9;
    }

    private static double ms(long from, long to) {
        return (to - from) / 1e6;
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
