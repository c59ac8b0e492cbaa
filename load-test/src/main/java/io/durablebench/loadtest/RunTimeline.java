package io.durablebench.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one single-invoke run's time went, from the SDK calls timed in this JVM ({@link SdkCallTimer})
 * and the function's metrics line: the driver, the SDK client before and after the HTTP exchange, the
 * local Lambda before the handler starts and after it ends, and inside the handler the wall time spent
 * in SDK calls (store or checkpoint) and the rest, the handler's own time. All in milliseconds.
 *
 * <p>The handler's end is when its metrics line reached stdout (written right after the handler takes
 * its duration), its start that minus the duration the line reports.
 */
record RunTimeline(double latencyMs, double driverMs, double sdkBeforeSendMs, double httpMs, double beforeHandlerMs,
                   double handlerMs, double inCallsMs, double afterHandlerMs, double sdkAfterResponseMs, double serverMs,
                   Map<String, CallTotal> calls) {
    /** The function's SDK calls of one operation in one run: how many, and their time split. */
    record CallTotal(int count, double ms, double beforeSendMs, double httpMs, double afterResponseMs) {
        CallTotal plus(SdkCallTimer.Call c) {
            return new CallTotal(count + 1, ms + c.ms(), beforeSendMs + (c.sent() - c.started()) / 1e6,
                    httpMs + (c.received() - c.sent()) / 1e6, afterResponseMs + (c.ended() - c.received()) / 1e6);
        }
    }

    /** The handler's own time: its duration minus the wall time inside SDK calls. */
    double ownMs() {
        return handlerMs - inCallsMs;
    }

    /**
     * @param run   the run's record (latency and server time as in runs.csv)
     * @param calls every SDK call timed during the run
     * @param lines the metrics lines that reached stdout during the run, with their arrival times (none for
     *              a function that writes none, such as the no-op: then only the client side is split)
     */
    static RunTimeline of(RunRecord run, List<SdkCallTimer.Call> calls, Map<Long, JsonNode> lines) {
        List<SdkCallTimer.Call> invokes = calls.stream().filter(c -> c.harness() && "Invoke".equals(c.operation())).toList();
        if (invokes.size() != 1 || lines.size() > 1) {
            throw new IllegalStateException("a timeline needs a run of one invoke and one invocation, got " + invokes.size()
                    + " invokes and " + lines.size() + " metrics lines");
        }
        SdkCallTimer.Call invoke = invokes.get(0);
        double httpMs = (invoke.received() - invoke.sent()) / 1e6;
        double driverMs = run.latencyMs() - invoke.ms();
        if (lines.isEmpty()) {
            return new RunTimeline(run.latencyMs(), driverMs, (invoke.sent() - invoke.started()) / 1e6, httpMs, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, (invoke.ended() - invoke.received()) / 1e6, run.serverMs(), Map.of());
        }
        Map.Entry<Long, JsonNode> line = lines.entrySet().iterator().next();
        JsonNode metrics = line.getValue().has("metrics") ? line.getValue().get("metrics") : line.getValue();
        double handlerMs = metrics.path("durationMs").asDouble();
        long handlerEnd = line.getKey();
        long handlerStart = handlerEnd - Math.round(handlerMs * 1e6);
        List<long[]> inside = new ArrayList<>();
        Map<String, CallTotal> byOperation = new LinkedHashMap<>();
        for (SdkCallTimer.Call c : calls) {
            if (!c.harness() && c.started() >= invoke.sent() && c.ended() <= invoke.received()) {
                inside.add(new long[] {Math.max(c.started(), handlerStart), Math.min(c.ended(), handlerEnd)});
                byOperation.merge(c.service() + " " + c.operation(), new CallTotal(0, 0, 0, 0, 0).plus(c),
                        (a, b) -> new CallTotal(a.count + b.count, a.ms + b.ms, a.beforeSendMs + b.beforeSendMs,
                                a.httpMs + b.httpMs, a.afterResponseMs + b.afterResponseMs));
            }
        }
        return new RunTimeline(run.latencyMs(), driverMs, (invoke.sent() - invoke.started()) / 1e6, httpMs,
                (handlerStart - invoke.sent()) / 1e6, handlerMs, union(inside) / 1e6,
                (invoke.received() - handlerEnd) / 1e6, (invoke.ended() - invoke.received()) / 1e6, run.serverMs(),
                byOperation);
    }

    /** Nanoseconds covered by at least one of the intervals. */
    static long union(List<long[]> intervals) {
        List<long[]> sorted = intervals.stream().filter(i -> i[1] > i[0]).sorted(Comparator.comparingLong(i -> i[0])).toList();
        long covered = 0;
        long end = Long.MIN_VALUE;
        for (long[] i : sorted) {
            if (i[1] <= end) {
                continue;
            }
            covered += i[1] - Math.max(i[0], end);
            end = i[1];
        }
        return covered;
    }
}
