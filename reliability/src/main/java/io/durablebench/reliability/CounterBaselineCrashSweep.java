package io.durablebench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.counter.CounterOperation;
import io.durablebench.model.counter.CounterRequest;
import io.durablebench.model.json.StrictJson;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * The counter baseline ({@code CounterBaselineFunction}) killed at every DynamoDB write: a client
 * sends {@code requests} requests of {@code opsPerRequest} increments of 1 to one counter, one after
 * another. A clean run counts the writes N; then for each chosen k in 1..N the local Lambda process
 * is killed at the k-th write, before it reaches DynamoDB and after DynamoDB applied it; the client
 * sees the invocation fail, the service is restarted and the same request is delivered again, as
 * Lambda's async retry would, then the client goes on. The final value is read with one more request.
 */
public final class CounterBaselineCrashSweep {
    static final String FUNCTION = "CounterBaselineFunction";

    private CounterBaselineCrashSweep() {
    }

    public static String name(int requests, int opsPerRequest) {
        return "counter-baseline (" + requests + " requests x " + opsPerRequest + " increments)";
    }

    public static SweepSummary run(CrashBed bed, int requests, int opsPerRequest, String tag, IntPredicate writes,
                                   PrintStream progress) {
        String workflow = name(requests, opsPerRequest);
        WriteFaultProxy proxy = bed.stores().dynamoProxy();
        proxy.disarm();
        proxy.resetCount();
        Verdict clean = runOnce(bed, tag + "-clean", requests, opsPerRequest);
        int n = proxy.writes();
        if (!clean.correct()) {
            throw new IllegalStateException(workflow + ": the run without a crash is already wrong: " + clean);
        }
        progress.printf("%s: clean run made %d DynamoDB writes (%s)%n", workflow, n, clean.detail());
        List<CrashRun> runs = CrashSweepRuns.sweep(n, writes, WriteFaultProxy.When.values(), tag, 36, progress,
                (k, when, runId) -> {
                    proxy.arm(k, when, () -> bed.service().kill9());
                    Verdict v = runOnce(bed, runId, requests, opsPerRequest);
                    String fired = proxy.fired();
                    proxy.disarm();
                    String where = when.name().toLowerCase(java.util.Locale.ROOT) + " write " + k
                            + (fired != null ? " (" + fired + ")" : "");
                    return new CrashRun(workflow, where, fired != null, v);
                });
        return SweepSummary.of(workflow, n, runs);
    }

    private static Verdict runOnce(CrashBed bed, String runId, int requests, int opsPerRequest) {
        String counterId = "cbl-" + runId;
        long expected = 0;
        int redeliveries = 0;
        List<String> problems = new ArrayList<>();
        for (int r = 1; r <= requests; r++) {
            List<CounterOperation> ops = new ArrayList<>();
            for (int j = 1; j <= opsPerRequest; j++) {
                ops.add(CounterOperation.increment("r" + r + "-op" + j, 1));
            }
            Delivery d = deliver(bed, StrictJson.write(new CounterRequest(counterId, ops)));
            if (d.answer() == null) {
                return Verdict.unfinished("request " + r + ": " + d.error());
            }
            redeliveries += d.redeliveries();
            for (int j = 0; j < opsPerRequest; j++) {
                long want = expected + j + 1;
                long got = d.answer().path("results").path(j).path("value").asLong(Long.MIN_VALUE);
                if (got != want) {
                    problems.add("r" + r + "-op" + (j + 1) + " answered " + got + " not " + want);
                }
            }
            expected += opsPerRequest;
        }
        Delivery read = deliver(bed, StrictJson.write(new CounterRequest(counterId,
                List.of(CounterOperation.read("final-read")))));
        if (read.answer() == null) {
            return Verdict.unfinished("final read: " + read.error());
        }
        long finalValue = read.answer().path("finalValue").asLong(-1);
        long duplicated = Math.max(0, finalValue - expected);
        long lost = Math.max(0, expected - finalValue);
        return new Verdict(true, finalValue == expected && problems.isEmpty(), duplicated, lost,
                "final " + finalValue + "/" + expected + ", re-deliveries " + redeliveries
                        + (problems.isEmpty() ? "" : " " + problems));
    }

    private record Delivery(JsonNode answer, int redeliveries, String error) {
    }

    /** Invokes until answered; a failed invoke (the host died) restarts the service and re-delivers. */
    private static Delivery deliver(CrashBed bed, String payload) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        int redeliveries = 0;
        while (true) {
            try {
                InvokeResponse r = bed.lambda().invoke(b -> b.functionName(FUNCTION)
                        .payload(SdkBytes.fromUtf8String(payload)));
                if (r.functionError() != null) {
                    return new Delivery(null, redeliveries, "function error " + r.payload().asUtf8String());
                }
                return new Delivery(StrictJson.parse(r.payload().asUtf8String()), redeliveries, null);
            } catch (SdkClientException hostDied) {
                if (Instant.now().isAfter(deadline)) {
                    return new Delivery(null, redeliveries, hostDied.getMessage());
                }
                CrashBed.await(Duration.ofSeconds(10), () -> !bed.service().alive());
                bed.restartAfterCrash();
                redeliveries++;
            }
        }
    }
}
