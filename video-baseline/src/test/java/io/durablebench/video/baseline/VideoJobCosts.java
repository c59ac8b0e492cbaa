package io.durablebench.video.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.video.FaultInjection;
import io.durablebench.video.testbed.ExecutionCost;
import io.durablebench.video.testbed.TestVideos;
import io.durablebench.video.testbed.VideoJobs;
import io.durablebench.video.testbed.VideoTestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Measures what one video job costs on each side, whole (every invocation, every function), on the
 * local services in real time: the 10 s 320x240 benchmark source in 10 chunks, one job at a time,
 * for the durable function, the optimized baseline and the paper-mode baseline, in both fan-out
 * modes, without and with a 30 % injected chunk failure rate. DynamoDB and S3 calls are counted on
 * the wire (counting proxies every function's client goes through); the durable side's checkpoint
 * calls, updates and bytes come from the local Lambda's per-execution counters, summed over the
 * job's execution and its chunk encoder executions.
 *
 * <p>Run: {@code mvn -B -q -pl video-baseline -am verify -DskipTests -Pjob-costs -Djob-costs.args="3"}
 * (arguments: jobs per configuration, the report file). The table goes to standard output and,
 * without the functions' log lines that share that output, to the report file (the profile names
 * the module's {@code target/job-costs.txt}: what {@code scripts/figures.sh} commits as {@code job-costs.md}).
 */
public final class VideoJobCosts {
    private VideoJobCosts() {
    }

    record Config(String function, String fanOut, boolean faults) {
        String label() {
            String side = switch (function) {
                case "VideoDurableFunction:live" -> "durable";
                case "VideoBaselineFunction" -> "baseline";
                default -> "baseline-paper";
            };
            return side + " " + fanOut + (faults ? " 30%-faults" : "");
        }
    }

    public static void main(String[] args) throws IOException {
        List<String> table = new ArrayList<>();
        try {
            measure(args.length > 0 ? Integer.parseInt(args[0]) : 3, line -> {
                System.out.println(line);
                table.add(line);
            });
        } finally {
            Path report = Path.of(args.length > 1 ? args[1] : "target/job-costs.txt");
            Files.createDirectories(report.getParent());
            Files.write(report, table);
        }
    }

    private static void measure(int repetitions, Consumer<String> out) {
        List<Config> configs = new ArrayList<>();
        for (boolean faults : new boolean[] {false, true}) {
            for (String fanOut : new String[] {"in-process", "per-chunk-invocation"}) {
                for (String fn : new String[] {"VideoDurableFunction:live", "VideoBaselineFunction", "VideoBaselinePaperFunction"}) {
                    configs.add(new Config(fn, fanOut, faults));
                }
            }
        }
        out.accept(String.format(Locale.ROOT, "java %s, %d processors; source %s in 10 chunks; %d job(s) per configuration",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                "10 s 320x240 24 fps", repetitions));
        out.accept("configuration | job | latency ms | DynamoDB calls (by operation) | S3 calls | durable: executions, invocations, checkpoint calls, updates, payload bytes | chunk attempts");
        try (VideoTestBed bed = VideoTestBed.start(Map.of(), false)) {
            bed.upload("inputs/benchmark.mp4", TestVideos.of(TestVideos.BENCHMARK));
            // warm-up: load classes and JIT the media code once per function, not measured
            for (String fn : new String[] {"VideoDurableFunction:live", "VideoBaselineFunction", "VideoBaselinePaperFunction"}) {
                for (String fanOut : new String[] {"in-process", "per-chunk-invocation"}) {
                    String id = "warmup-" + Math.abs((fn + fanOut).hashCode());
                    bed.invoke(fn, VideoJobs.request(bed, id, "inputs/benchmark.mp4", 10, fanOut, Map.of()),
                            fn.endsWith(":live") ? id : null);
                }
            }
            for (int r = 0; r < repetitions; r++) {
                for (Config c : configs) {
                    // The same job id on every side, so that injected failures (a function of job id, chunk
                    // and attempt) are the same; the sides run one after the other and overwrite the
                    // same objects with the same bytes.
                    String jobId = "cost-" + c.fanOut() + (c.faults() ? "-faults-" : "-") + r;
                    Map<String, Object> extra = new TreeMap<>();
                    if (c.faults()) {
                        long seed = VideoJobs.seedWithFailures(0.3, jobId, 10, 3, 5);
                        extra.put("faults", new FaultInjection(0.3, seed, null));
                    }
                    Map<String, Long> ddb = bed.wires().dynamoDb().requests();
                    Map<String, Long> s3 = bed.wires().s3().requests();
                    VideoTestBed.Invocation inv = bed.invoke(c.function(),
                            VideoJobs.request(bed, jobId, "inputs/benchmark.mp4", 10, c.fanOut(), extra),
                            c.function().endsWith(":live") ? jobId : null);
                    Map<String, Long> ddbCalls = VideoTestBed.since(ddb, bed.wires().dynamoDb().requests());
                    long s3Calls = VideoTestBed.since(s3, bed.wires().s3().requests()).values().stream()
                            .mapToLong(Long::longValue).sum();
                    JsonNode response = inv.json();
                    if (inv.failed() || response.has("error")) {
                        throw new IllegalStateException(c.label() + ": " + inv.payload());
                    }
                    String durable = "-";
                    if (inv.executionArn() != null) {
                        ExecutionCost e = ExecutionCost.of(bed, inv.executionArn());
                        durable = e.executions() + ", " + e.invocations() + ", " + e.checkpointCalls() + ", " + e.updates()
                                + ", " + e.payloadBytes();
                    }
                    int attempts = 0;
                    for (JsonNode ch : response.path("chunks")) {
                        attempts += ch.path("attempts").asInt();
                    }
                    long total = ddbCalls.values().stream().mapToLong(Long::longValue).sum();
                    out.accept(String.format(Locale.ROOT, "%s | %d | %.0f | %d %s | %d | %s | %d", c.label(), r,
                            inv.clientMillis(), total, ddbCalls, s3Calls, durable, attempts));
                }
            }
        }
    }
}
