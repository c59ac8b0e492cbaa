package io.durablebench.durable.testing.bench;

import io.durablebench.durable.InvocationTimings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The overhead benchmark's markdown report: what ran, where, and medians over repetitions. */
final class OverheadReport {
    private final Machine machine;
    private final String command;
    private final int repetitions;
    private final int warmups;
    private final int steps;
    private final int concurrent;
    private final List<RuntimeOverheadBenchmark.Repetition> reps;

    OverheadReport(Machine machine, String command, int repetitions, int warmups, int steps, int concurrent,
                   List<RuntimeOverheadBenchmark.Repetition> reps) {
        this.machine = machine;
        this.command = command;
        this.repetitions = repetitions;
        this.warmups = warmups;
        this.steps = steps;
        this.concurrent = concurrent;
        this.reps = reps;
    }

    /** Where and when the benchmark ran; the load average is read at the start and at the end. */
    record Machine(String started, String commit, String cpus, String os, String java, String loadAtStart,
                   String loadAtEnd) {
        static Machine now() {
            return new Machine(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), gitCommit(),
                    Runtime.getRuntime().availableProcessors() + " CPUs (" + cpuModel() + ")",
                    System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                            + System.getProperty("os.arch"),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), loadAverage(), "");
        }

        Machine finish() {
            return new Machine(started, commit, cpus, os, java, loadAtStart, loadAverage());
        }

        private static String gitCommit() {
            try {
                Process p = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
                String head = new String(p.getInputStream().readAllBytes()).trim();
                Process d = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no", "--", ":/",
                        ":(top,exclude)*.md", ":(top,exclude)*.csv", ":(top,exclude)*.png") // figures are rewritten by figures.sh
                        .redirectErrorStream(true).start();
                boolean dirty = !new String(d.getInputStream().readAllBytes()).isBlank();
                return p.waitFor() == 0 ? head + (dirty ? " with uncommitted changes" : "") : "unknown (no git)";
            } catch (IOException e) {
                return "unknown (" + e.getMessage() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unknown";
            }
        }

        private static String cpuModel() {
            try {
                return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("model unknown");
            } catch (IOException e) {
                return "model unknown";
            }
        }

        private static String loadAverage() {
            try {
                String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
                return f[0] + " " + f[1] + " " + f[2];
            } catch (IOException e) {
                return "unknown";
            }
        }
    }

    /** Median, first and third quartile of a figure over the repetitions. */
    private double[] quartiles(ToDoubleFunction<RuntimeOverheadBenchmark.Repetition> figure) {
        double[] v = reps.stream().mapToDouble(figure).sorted().toArray();
        return new double[] {at(v, 0.5), at(v, 0.25), at(v, 0.75)};
    }

    private static double at(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    private String row(String label, ToDoubleFunction<RuntimeOverheadBenchmark.Repetition> figure, String format) {
        double[] q = quartiles(figure);
        return String.format(Locale.ROOT, "| %s | " + format + " | " + format + " – " + format + " |%n", label, q[0], q[1], q[2]);
    }

    private double perStepMs(InvocationTimings t, java.util.function.ToLongFunction<InvocationTimings> span) {
        return span.applyAsLong(t) / 1e6 / steps;
    }

    private static InvocationTimings seq(RuntimeOverheadBenchmark.Repetition r) {
        return r.sequential().metrics().timings();
    }

    private String spanRow(String label, java.util.function.ToLongFunction<InvocationTimings> span) {
        return row(label, r -> perStepMs(seq(r), span), "%.3f");
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Durable runtime overhead (generated by RuntimeOverheadBenchmark)\n\n");
        md.append("- Command: `").append(command).append("`\n");
        md.append("- Date: ").append(machine.started()).append(" (UTC)\n");
        md.append("- Commit: ").append(machine.commit()).append('\n');
        md.append("- Machine: ").append(machine.cpus()).append(", ").append(machine.os()).append(", ")
                .append(machine.java()).append('\n');
        md.append("- Load average (1, 5, 15 min) at start: ").append(machine.loadAtStart()).append("; at end: ")
                .append(machine.loadAtEnd()).append('\n');
        md.append(String.format(Locale.ROOT, "- Setup: local-lambda in the benchmark's JVM (in-memory journal), loopback"
                + " HTTP through the AWS SDK's URL-connection client; %d repetitions after %d warm-ups, each one execution"
                + " of %d bare checkpoint calls, one of %d sequential steps and one of %d concurrent steps, interleaved (taking turns at going first)."
                + " Every figure is timed inside the function (no invoke path, no client polling); medians over"
                + " repetitions, with the quartiles.%n%n", repetitions, warmups, steps, steps, concurrent));
        md.append("| figure | median | p25 – p75 |\n|---|---|---|\n");
        md.append(row("bare checkpoint round trip (one call: a step's START and SUCCEED), ms",
                r -> r.bare().totalNanos() / 1e6 / r.bare().calls(), "%.3f"));
        md.append(row("sequential step (`ctx.step`, timed in the handler), ms",
                r -> r.sequential().elapsedNanos() / 1e6 / steps, "%.3f"));
        md.append(row("**sequential step / bare round trip** (target at most 1.2)",
                r -> (r.sequential().elapsedNanos() / (double) steps) / (r.bare().totalNanos() / (double) r.bare().calls()),
                "%.2f"));
        md.append(row("checkpoint calls per sequential step", r -> r.sequential().metrics().checkpointCalls()
                / (double) steps, "%.2f"));
        md.append(row(String.format(Locale.ROOT, "**concurrent steps per second** (%d `stepAsync` at once; target at"
                + " least 2,000)", concurrent), r -> r.concurrent().steps() / (r.concurrent().elapsedNanos() / 1e9), "%.0f"));
        md.append(row("checkpoint calls per concurrent step", r -> r.concurrent().metrics().checkpointCalls()
                / (double) concurrent, "%.3f"));
        md.append("\n## Where a sequential step's time goes (ms per step, from the runtime's `InvocationTimings`)\n\n");
        md.append("| span | median | p25 – p75 |\n|---|---|---|\n");
        md.append(row("the step, as the handler sees it", r -> r.sequential().elapsedNanos() / 1e6 / steps, "%.3f"));
        md.append(spanRow("inside checkpoint calls", InvocationTimings::checkpointCallNanos));
        md.append(spanRow("- of which AWS SDK marshalling", InvocationTimings::sdkMarshallingNanos));
        md.append(spanRow("- of which SigV4 signing", InvocationTimings::sdkSigningNanos));
        md.append(spanRow("- of which HTTP, request sent to answer's headers (loopback and local-lambda's work)",
                InvocationTimings::sdkHttpNanos));
        md.append(spanRow("- of which AWS SDK unmarshalling", InvocationTimings::sdkUnmarshallingNanos));
        md.append(spanRow("- rest of the SDK call (pipeline, reading the body, error classification)", t ->
                t.checkpointCallNanos() - t.sdkMarshallingNanos() - t.sdkSigningNanos() - t.sdkHttpNanos()
                        - t.sdkUnmarshallingNanos()));
        md.append(spanRow("queued behind another call in flight", InvocationTimings::queuedBehindCallNanos));
        md.append(spanRow("batching wait (call could start but had not)", InvocationTimings::batchingWaitNanos));
        md.append(spanRow("thread hand-offs (acknowledgement to the waiting thread)", InvocationTimings::handOffNanos));
        md.append(spanRow("step bodies (user code)", InvocationTimings::userCodeNanos));
        md.append(row("remainder: the step minus calls, waits, hand-offs and user code (the runtime's own work;"
                + " negative when a call overlaps the step's other work)", r -> {
                    InvocationTimings t = seq(r);
                    return (r.sequential().elapsedNanos() - t.checkpointCallNanos() - t.queuedBehindCallNanos()
                            - t.batchingWaitNanos() - t.handOffNanos() - t.userCodeNanos()) / 1e6 / steps;
                }, "%.3f"));
        md.append("\n## The bare round trip's own stages (ms per call, AWS SDK metrics)\n\n");
        md.append("| stage | median | p25 – p75 |\n|---|---|---|\n");
        md.append(row("marshalling", r -> r.bare().marshallingNanos() / 1e6 / r.bare().calls(), "%.3f"));
        md.append(row("signing", r -> r.bare().signingNanos() / 1e6 / r.bare().calls(), "%.3f"));
        md.append(row("HTTP, request sent to answer's headers", r -> r.bare().httpNanos() / 1e6 / r.bare().calls(), "%.3f"));
        md.append(row("unmarshalling", r -> r.bare().unmarshallingNanos() / 1e6 / r.bare().calls(), "%.3f"));
        md.append("\nThe spans come from the runtime's per-invocation timings (`InvocationTimings`, also logged as")
                .append(" `...Ms` fields of the `durable-invocation-metrics` line); durable-runtime/README.md defines")
                .append(" each. Ratios are taken within one repetition, so both sides saw the same machine load.\n");
        return md.toString();
    }
}
