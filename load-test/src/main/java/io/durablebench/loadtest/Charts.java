package io.durablebench.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.XYSeries;

/**
 * The PNG charts (XChart): the paper's Figure 1 (coordination ops against execution time, one point
 * per run; the durable side plots its checkpoint calls and durable operations, which is what it does
 * instead of store calls), latency distributions, and the two sweeps. Written only for the parts of
 * the experiment present in the rows; returns the files written.
 */
public final class Charts {
    private Charts() {
    }

    /**
     * Renders one chart of each kind in memory. AWT registers shutdown hooks the first time it renders
     * some things, which fails once the JVM is shutting down: done at the start, the Ctrl-C hook can
     * still draw the charts.
     */
    public static void prepare() {
        System.setProperty("java.awt.headless", "true");
        // ImageIO's disk cache registers a shutdown hook on first use; in memory it needs none
        javax.imageio.ImageIO.setUseCache(false);
        XYChart xy = new XYChartBuilder().width(100).height(100).title("t").build();
        xy.addSeries("s", new double[] {1, 2}, new double[] {1, 2});
        BitmapEncoder.getBufferedImage(xy);
        BoxChart box = new BoxChartBuilder().width(100).height(100).title("t").build();
        box.addSeries("s", new ArrayList<>(List.of(1, 2, 3))); // XChart asks the list contains(null): List.of refuses
        BitmapEncoder.getBufferedImage(box);
    }

    public static List<Path> write(Path dir, List<RunRecord> rows) {
        System.setProperty("java.awt.headless", "true");
        javax.imageio.ImageIO.setUseCache(false);
        List<Path> written = new ArrayList<>();
        for (String workload : List.of(Workload.COUNTER_BATCH.name(), Workload.COUNTER_ENTITY.name(), Workload.VIDEO.name())) {
            List<RunRecord> main = rows.stream().filter(r -> r.workload().equals(workload)
                    && r.experiment().equals("main")).toList();
            if (!main.isEmpty()) {
                written.add(save(figure1(workload, main), dir.resolve("figure1-" + workload + ".png")));
                written.add(save(latencyBoxes(workload, main), dir.resolve("latency-" + workload + ".png")));
            }
        }
        List<RunRecord> failures = rows.stream().filter(r -> r.experiment().equals("failure-sweep")).toList();
        if (!failures.isEmpty()) {
            Function<RunRecord, Double> rate = r -> r.failureRate() * 100;
            written.add(save(sweep("Failure rate vs coordination ops (video)", "injected chunk failure rate (%)",
                    "ops per run (baseline: DynamoDB calls; durable: checkpoint calls)", failures, rate,
                    RunRecord::coordinationOps, false), dir.resolve("failure-sweep-ops.png")));
            written.add(save(sweep("Failure rate vs latency (video)", "injected chunk failure rate (%)",
                    "mean client latency (ms)", failures, rate, RunRecord::latencyMs, false),
                    dir.resolve("failure-sweep-latency.png")));
            written.add(save(sweep("Failure rate vs completion rate (video)", "injected chunk failure rate (%)",
                    "runs completed (%)", failures, rate, r -> r.success() ? 100 : 0, false),
                    dir.resolve("failure-sweep-completion.png")));
            written.add(save(sweep("Failure rate vs chunk retries (video)", "injected chunk failure rate (%)",
                    "chunk retries per run", failures, rate, r -> r.chunkRetries(), false),
                    dir.resolve("failure-sweep-retries.png")));
        }
        List<RunRecord> chunks = rows.stream().filter(r -> r.experiment().equals("chunk-sweep")).toList();
        if (!chunks.isEmpty()) {
            Function<RunRecord, Double> n = r -> (double) r.chunks();
            written.add(save(sweep("Chunk count vs latency (video)", "chunks (log scale)", "mean client latency (ms)",
                    chunks, n, RunRecord::latencyMs, true), dir.resolve("chunk-sweep-latency.png")));
            written.add(save(sweep("Chunk count vs coordination ops (video)", "chunks (log scale)",
                    "ops per run (baseline: DynamoDB calls; durable: checkpoint calls)", chunks, n,
                    RunRecord::coordinationOps, true), dir.resolve("chunk-sweep-ops.png")));
            written.add(save(sweep("Chunk count vs checkpoint bytes (video, durable)", "chunks (log scale)",
                    "checkpointed bytes per run", chunks.stream().filter(r -> r.variant().equals(Variants.DURABLE)).toList(),
                    n, r -> r.checkpointBytes(), true), dir.resolve("chunk-sweep-checkpoint-bytes.png")));
        }
        return written;
    }

    private static XYChart figure1(String workload, List<RunRecord> rows) {
        XYChart c = new XYChartBuilder().width(900).height(600).title("Figure 1: coordination ops vs execution time ("
                + workload + "), one point per run").xAxisTitle("client latency (ms)")
                .yAxisTitle("ops per run").build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(8);
        Map<String, List<RunRecord>> byVariant = by(rows, r -> r.variant() + " " + r.mode());
        for (Map.Entry<String, List<RunRecord>> e : byVariant.entrySet()) {
            List<RunRecord> g = e.getValue();
            if (e.getKey().startsWith(Variants.DURABLE)) {
                add(c, e.getKey() + ": checkpoint calls", g, RunRecord::latencyMs, r -> r.checkpointCalls());
                add(c, e.getKey() + ": durable operations", g, RunRecord::latencyMs, r -> r.durableOperations());
                add(c, e.getKey() + ": DynamoDB calls", g, RunRecord::latencyMs, r -> r.ddbCalls());
            } else {
                add(c, e.getKey() + ": DynamoDB calls", g, RunRecord::latencyMs, r -> r.ddbCalls());
            }
        }
        return c;
    }

    private static void add(XYChart c, String name, List<RunRecord> g, ToDoubleFunction<RunRecord> x,
                            ToDoubleFunction<RunRecord> y) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (RunRecord r : g) {
            if (x.applyAsDouble(r) >= 0 && y.applyAsDouble(r) >= 0) {
                xs.add(x.applyAsDouble(r));
                ys.add(y.applyAsDouble(r));
            }
        }
        if (!xs.isEmpty()) {
            c.addSeries(name, xs, ys);
        }
    }

    private static BoxChart latencyBoxes(String workload, List<RunRecord> rows) {
        BoxChart c = new BoxChartBuilder().width(900).height(600).title("Latency distribution (" + workload + ")")
                .yAxisTitle("client latency (ms)").build();
        for (Map.Entry<String, List<RunRecord>> e : by(rows, r -> r.variant() + " " + r.mode()).entrySet()) {
            c.addSeries(e.getKey(), e.getValue().stream().map(RunRecord::latencyMs).toList());
        }
        return c;
    }

    /** Mean of {@code y} per x value, one line per side. */
    private static XYChart sweep(String title, String xTitle, String yTitle, List<RunRecord> rows,
                                 Function<RunRecord, Double> x, ToDoubleFunction<RunRecord> y, boolean logX) {
        XYChart c = new XYChartBuilder().width(900).height(600).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        c.getStyler().setXAxisLogarithmic(logX);
        for (Map.Entry<String, List<RunRecord>> e : by(rows, r -> r.variant() + " " + r.mode()).entrySet()) {
            TreeMap<Double, List<RunRecord>> points = new TreeMap<>();
            for (RunRecord r : e.getValue()) {
                points.computeIfAbsent(x.apply(r), k -> new ArrayList<>()).add(r);
            }
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            points.forEach((px, g) -> {
                double m = Stats.mean(g, y);
                if (!Double.isNaN(m)) {
                    xs.add(px);
                    ys.add(m);
                }
            });
            if (!xs.isEmpty()) {
                c.addSeries(e.getKey(), xs, ys).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return c;
    }

    private static Map<String, List<RunRecord>> by(List<RunRecord> rows, Function<RunRecord, String> key) {
        Map<String, List<RunRecord>> m = new LinkedHashMap<>();
        for (RunRecord r : rows) {
            m.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
        }
        return m;
    }

    private static Path save(Chart<?, ?> chart, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
