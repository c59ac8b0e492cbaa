package io.durablebench.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The chunk-sweep command: its growth fit and limit check on known numbers, and a tiny sweep end to
 * end on the embedded target with slices of 2 chunks, so that a 5-chunk job already runs past one
 * execution (the 10,000-chunk sweep is a benchmark, not a test).
 */
class ChunkSweepTest {
    @Test
    void theLineThroughPointsOnALineIsThatLine() {
        double[] line = ChunkSweepReport.leastSquares(List.of(new double[] {10, 23}, new double[] {100, 203},
                new double[] {10_000, 20_003}));
        assertThat(line[0]).isCloseTo(3, within(1e-6));
        assertThat(line[1]).isCloseTo(2, within(1e-9));
        assertThat(line[2]).isCloseTo(1, within(1e-12));
        double[] bent = ChunkSweepReport.leastSquares(List.of(new double[] {1, 1}, new double[] {2, 4},
                new double[] {3, 9}, new double[] {10, 100}));
        assertThat(bent[2]).isLessThan(0.99);
    }

    @Test
    void anExecutionPastTheLimitIsReportedAsSuch() {
        RunRecord within = record(1000, 1_005, 500_000);
        RunRecord past = record(10_000, 10_005, 4_900_000);
        ChunkSweepReport.Context c = new ChunkSweepReport.Context("load-test chunk-sweep", "now", "machine", "abc",
                "tiny", 100, "1000");
        String ok = ChunkSweepReport.render(List.of(within), c);
        assertThat(ok).contains("| 1,005 | 500,000 | yes |").contains("within both limits: yes");
        String notOk = ChunkSweepReport.render(List.of(within, past), c);
        assertThat(notOk).contains("| 10,005 | 4,900,000 | **no** |").contains("within both limits: **no**");
    }

    private static RunRecord record(int chunks, long maxOps, long maxBytes) {
        return new RunRecord("video", "durable", "in-process", "chunk-sweep", chunks, 0, 42, 0, "now", chunks, chunks,
                chunks, 0, 0, true, "", 0, 0, 1, 0, Map.of(), 0, 0, 4L * chunks + 3, 0, 0, 1, 10, maxOps, 2 * maxOps,
                maxBytes, 0.001, maxOps, maxBytes);
    }

    @Test
    void aTinySweepInSlicesOfTwoKeepsEveryExecutionSmall(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Main()).setErr(new PrintWriter(err)).execute("chunk-sweep", "--slice-chunks",
                "2", "--chunk-counts", "2,5", "--source", "small", "--runs", "1", "--warmups", "0", "--out",
                dir.toString());
        assertThat(exit).as(err.toString()).isZero();
        List<RunRecord> rows = CsvFile.read(dir.resolve("runs.csv"));
        assertThat(rows).hasSize(4).allSatisfy(r -> assertThat(r.success()).as(r.configuration() + r.error()).isTrue());
        RunRecord two = rows.stream().filter(r -> r.variant().equals("durable") && r.chunks() == 2).findFirst().orElseThrow();
        RunRecord five = rows.stream().filter(r -> r.variant().equals("durable") && r.chunks() == 5).findFirst().orElseThrow();
        // one slice: one execution (validate, plan, map, 2 steps, assemble, verify)
        assertThat(two.executions()).isEqualTo(1);
        assertThat(two.maxExecutionOperations()).isEqualTo(7);
        // three slices: the job (validate, plan, 3 splits, map, 3 invokes, assemble, verify) and 3 slice executions
        assertThat(five.executions()).isEqualTo(4);
        assertThat(five.maxExecutionOperations()).isEqualTo(11);
        assertThat(five.durableOperations()).isEqualTo(11 + 3 + 3 + 2);
        assertThat(five.maxExecutionBytes()).isPositive().isLessThan(five.checkpointBytes());
        RunRecord baseline = rows.stream().filter(r -> r.variant().equals("baseline") && r.chunks() == 5).findFirst()
                .orElseThrow();
        assertThat(baseline.invocations()).as("the job's coordinator and 3 slice coordinators").isEqualTo(4);
        assertThat(baseline.ddbByOperation().get("UpdateItem")).as("5 chunks, 3 slices, the finish").isEqualTo(9);
        String md = Files.readString(dir.resolve("chunk-sweep.md"));
        assertThat(md).contains("- command: `load-test chunk-sweep --slice-chunks 2").contains("- commit: ")
                .contains("| 5 | durable | 1 | 1 |").contains("| 5 | baseline | 1 | 1 |")
                .contains("within both limits: yes").contains("chunks per slice: 2 (--slice-chunks)");
    }

    @Test
    void badArgumentsNameTheOption() {
        for (String[] args : List.of(new String[] {"chunk-sweep", "--chunk-counts", "10001"},
                new String[] {"chunk-sweep", "--source", "long", "--chunk-counts", "5000"},
                new String[] {"chunk-sweep", "--slice-chunks", "0"},
                new String[] {"chunk-sweep", "--runs", "0"})) {
            StringWriter err = new StringWriter();
            int exit = new CommandLine(new Main()).setErr(new PrintWriter(err)).execute(args);
            assertThat(exit).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString()).as(String.join(" ", args)).contains("must");
        }
    }
}
