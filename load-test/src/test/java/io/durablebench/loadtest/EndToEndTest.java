package io.durablebench.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.durablebench.durable.testing.LocalLambdaProcess;
import io.durablebench.local.LocalAws;
import io.durablebench.local.template.SamTemplate;
import io.durablebench.model.video.FaultInjection;
import io.durablebench.video.media.SyntheticVideoSpec;
import io.durablebench.video.testbed.VideoJobs;
import io.durablebench.video.testbed.VideoTestBed;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Tiny experiments end to end, 2 runs per variant, on real local services: the embedded target (the
 * CSV checked against the counting proxies every function's DynamoDB and S3 calls go through, and
 * against the injected failures computed independently), then the endpoint target against a local
 * Lambda started as a separate process, through the command line (same CSV schema, every column filled).
 */
class EndToEndTest {
    static final SyntheticVideoSpec SMALL = VideoSourceOptions.named("small");
    static final double FAILURE_RATE = 0.5;
    static final long SEED = 7;

    @Test
    void embeddedRunsFillEveryColumnConsistentlyWithTheStores(@TempDir Path dir) throws Exception {
        Path csvFile = dir.resolve("runs.csv");
        List<RunSpec> plan = List.of(
                RunSpec.of(Workload.NOOP, "noop", "overhead", 2, 0, 1, SEED),
                RunSpec.of(Workload.COUNTER_BATCH, "durable", "main", 2, 0, 1, SEED),
                RunSpec.of(Workload.COUNTER_BATCH, "baseline", "main", 2, 0, 1, SEED),
                RunSpec.of(Workload.COUNTER_ENTITY, "durable", "main", 2, 0, 1, SEED),
                RunSpec.of(Workload.COUNTER_ENTITY, "baseline", "main", 2, 0, 1, SEED),
                RunSpec.video("durable", "in-process", "main", 2, 0, 1, 2, FAILURE_RATE, SEED, SMALL, 0),
                RunSpec.video("baseline", "in-process", "main", 2, 0, 1, 2, FAILURE_RATE, SEED, SMALL, 0),
                RunSpec.video("baseline-paper", "in-process", "main", 2, 0, 1, 2, 0, SEED, SMALL, 0));
        SamTemplate template = SamTemplate.load(SamTemplate.locate(Path.of("")));
        Prices prices = Prices.load(template);
        Map<String, Long> ddbOnWire;
        long s3OnWire;
        try (EmbeddedTarget target = EmbeddedTarget.start(template)) {
            Map<String, Long> ddbBefore = target.bed().wires().dynamoDb().requests();
            long s3Before = target.bed().wires().s3().totalRequests();
            Experiment experiment = new Experiment(target, prices, "lt-");
            experiment.execute(plan, csvFile, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            ddbOnWire = VideoTestBed.since(ddbBefore, target.bed().wires().dynamoDb().requests());
            s3OnWire = target.bed().wires().s3().totalRequests() - s3Before;
        }
        List<String> lines = Files.readAllLines(csvFile);
        assertThat(lines.get(0)).isEqualTo(String.join(",", RunRecord.HEADER));
        assertEveryCellFilled(lines);
        List<RunRecord> rows = CsvFile.read(csvFile);
        assertThat(rows).hasSize(16);
        assertThat(rows).allSatisfy(r -> assertThat(r.success()).as(r.configuration() + " " + r.error()).isTrue());
        for (RunSpec s : plan) {
            assertThat(rows.stream().filter(r -> r.workload().equals(s.workload().name()) && r.variant().equals(s.variant())))
                    .extracting(RunRecord::run).containsExactly(0, 1);
        }

        // Each run's store calls are the proxies' counts during the run: together, every call of the experiment.
        Map<String, Long> ddbInCsv = new java.util.TreeMap<>();
        rows.forEach(r -> r.ddbByOperation().forEach((op, n) -> ddbInCsv.merge(op, n, Long::sum)));
        assertThat(rows.stream().mapToLong(RunRecord::storeRetries).sum()).isZero();
        assertThat(ddbInCsv).isEqualTo(ddbOnWire);
        assertThat(rows.stream().mapToLong(RunRecord::s3Calls).sum()).isEqualTo(s3OnWire);
        assertThat(select(rows, "video", "baseline")).allSatisfy(r -> assertThat(r.ddbCalls())
                .as("claim, one write per chunk and per failed attempt, finish").isEqualTo(r.chunks() + 2 + r.chunkRetries()));
        for (RunRecord r : rows) {
            assertThat(r.ddbByOperation().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(r.ddbCalls());
            assertThat(r.costUsd()).isCloseTo(prices.costOf(r.withCost(0)), within(1e-9)); // 9 decimals in the CSV
            assertThat(r.invocations()).isPositive();
            if (!r.workload().equals("noop")) {
                assertThat(r.costUsd()).isPositive();
            }
            if (r.serverMs() >= 0) {
                assertThat(r.serverMs()).as("server time within the client's").isLessThanOrEqualTo(r.latencyMs());
            }
            if (r.variant().equals("durable")) {
                assertThat(r.ddbCalls()).isZero();
                assertThat(r.executions()).isPositive();
                assertThat(r.checkpointCalls()).isPositive();
                // the runtime's clock around each top-level operation, which includes at least one checkpoint
                // round trip; inside the invocations the history records (whose timestamps are whole ms)
                assertThat(r.operationMs()).as("in_operations_ms of " + r.configuration()).isPositive()
                        .isLessThanOrEqualTo(r.invocationMs() + r.invocations());
            } else {
                assertThat(r.executions()).isZero();
                assertThat(r.checkpointCalls()).isZero();
            }
        }
        // The paper's sequence: one step per operation on durable; GetItem + TransactWriteItems on the baseline.
        assertThat(select(rows, "counter-batch", "durable")).allSatisfy(r -> {
            assertThat(r.durableOperations()).isEqualTo(4);
            assertThat(r.invocations()).isEqualTo(1);
        });
        assertThat(select(rows, "counter-batch", "baseline")).allSatisfy(r ->
                assertThat(r.ddbByOperation()).isEqualTo(Map.of("GetItem", 1L, "TransactWriteItems", 1L)));
        assertThat(select(rows, "counter-entity", "baseline")).allSatisfy(r -> assertThat(r.invocations()).isEqualTo(4));
        assertThat(rows.stream().filter(r -> !r.workload().equals("video"))).allSatisfy(r ->
                assertThat(r.encodeMs()).isEqualTo(RunRecord.NOT_AVAILABLE));
        // Video: the same media work on every side (4N + 3 S3 calls plus a segment read per failed attempt),
        // and the retries the shared fault decision prescribes for each run's job id.
        for (RunRecord r : select(rows, "video", null)) {
            String jobId = "lt-" + Experiment.runId(spec(plan, r), false, r.run());
            long expectedRetries = 0;
            if (r.failureRate() > 0) {
                FaultInjection faults = new FaultInjection(r.failureRate(), r.seed(), null);
                for (int i = 0; i < r.chunks(); i++) {
                    expectedRetries += VideoJobs.expectedAttempts(faults, jobId, i) - 1;
                }
            }
            assertThat(r.chunkRetries()).as("retries of " + jobId).isEqualTo(expectedRetries);
            assertThat(r.encodeMs()).as("encode times of " + jobId).isPositive();
            assertThat(r.s3Calls()).as("S3 calls of " + jobId).isEqualTo(4L * r.chunks() + 3 + expectedRetries);
            // a successful job keeps its segments, chunks and output; it compensated nothing
            assertThat(r.compensation().objectsLeft()).as("objects of " + jobId).isEqualTo(2L * r.chunks() + 1);
            assertThat(r.compensation().objectsDeleted()).isZero();
        }
        assertThat(rows.stream().filter(r -> !r.workload().equals("video"))).allSatisfy(r ->
                assertThat(r.compensation().objectsLeft()).isEqualTo(RunRecord.NOT_AVAILABLE));
        // Summary and charts are written from these rows.
        Driver.writeReports(dir, rows, new Summary.Context("test", "embedded", Machine.describe(), "now", prices.date(),
                false, MachineLoad.Report.NOT_MEASURED));
        String summary = Files.readString(dir.resolve("summary.md"));
        assertThat(summary).contains("## Counter, batch mode", "## Video", "## Harness overhead", "ratio",
                "## Durable / baseline latency ratio, 95 % confidence");
        assertThat(dir.resolve("figure1-video.png")).isNotEmptyFile();
        assertThat(dir.resolve("latency-counter-batch.png")).isNotEmptyFile();
    }

    @Test
    void endpointTargetAgainstASeparateLocalLambdaGivesTheSameSchema(@TempDir Path dir) throws Exception {
        Path template = SamTemplate.locate(Path.of(""));
        try (LocalAws aws = LocalAws.start(template)) {
            Map<String, String> env = new LinkedHashMap<>(aws.dynamoDb().environment());
            env.putAll(aws.s3().environment());
            try (LocalLambdaProcess lambda = LocalLambdaProcess.start(template, dir.resolve("journal"), env,
                    dir.resolve("logs"))) {
                Path out = dir.resolve("out");
                StringWriter err = new StringWriter();
                int exit = new CommandLine(new Main()).setErr(new PrintWriter(err)).execute("run", "--target", "endpoint",
                        "--url", lambda.endpoint().toString(), "--s3-url", aws.s3().endpoint().toString(),
                        "--bucket", aws.bucketName("VideoBucket"), "--workloads", "counter-batch,video",
                        "--variants", "durable,baseline", "--runs", "2", "--warmups", "0", "--source", "small",
                        "--chunks", "2", "--out", out.toString());
                assertThat(exit).as(err.toString()).isZero();
                List<String> lines = Files.readAllLines(out.resolve("runs.csv"));
                assertThat(lines.get(0)).isEqualTo(String.join(",", RunRecord.HEADER));
                assertEveryCellFilled(lines);
                List<RunRecord> rows = CsvFile.read(out.resolve("runs.csv"));
                assertThat(rows).hasSize(8).allSatisfy(r -> assertThat(r.success()).isTrue());
                assertThat(select(rows, "video", "durable")).allSatisfy(r -> {
                    assertThat(r.checkpointCalls()).as("the local Lambda's counters, read over HTTP").isPositive();
                    assertThat(r.s3Calls()).isEqualTo(11);
                });
                assertThat(select(rows, "video", "baseline")).allSatisfy(r -> assertThat(r.ddbCalls()).isEqualTo(4));
                assertThat(Files.readString(out.resolve("summary.md"))).contains("n/a: the target has no no-op function");
            }
        }
    }

    @Test
    void badArgumentsAreRefusedWithAClearMessage() {
        for (String[] args : List.of(new String[] {"run", "--runs", "0"},
                new String[] {"run", "--target", "endpoint"},
                new String[] {"run", "--workloads", "banana"},
                new String[] {"run", "--failure-rate", "1.5"},
                new String[] {"run", "--target", "aws"},
                new String[] {"experiment", "--chunk-counts", "5000"})) {
            StringWriter err = new StringWriter();
            int exit = new CommandLine(new Main()).setErr(new PrintWriter(err)).execute(args);
            assertThat(exit).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString()).as(String.join(" ", args)).containsAnyOf("must", "needs", "unknown");
        }
    }

    private static void assertEveryCellFilled(List<String> lines) {
        int columns = RunRecord.HEADER.size();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells).as(line).hasSize(columns);
            for (int i = 0; i < columns; i++) {
                assertThat(cells[i]).as(RunRecord.HEADER.get(i) + " in " + line).isNotBlank();
            }
        }
    }

    private static List<RunRecord> select(List<RunRecord> rows, String workload, String variant) {
        List<RunRecord> out = rows.stream().filter(r -> r.workload().equals(workload)
                && (variant == null || r.variant().equals(variant))).toList();
        assertThat(out).as(workload + " " + variant).isNotEmpty();
        return out;
    }

    private static RunSpec spec(List<RunSpec> plan, RunRecord r) {
        return plan.stream().filter(s -> s.workload().name().equals(r.workload()) && s.variant().equals(r.variant()))
                .findFirst().orElseThrow();
    }
}
