package io.durablebench.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.json.StrictJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One run's timeline from recorded calls and a metrics line, worked out by hand (times in ms). */
class RunTimelineTest {
    static final long MS = 1_000_000;

    static SdkCallTimer.Call call(String service, String op, boolean harness, double started, double sent, double received,
                                  double ended) {
        return new SdkCallTimer.Call(service, op, harness, "t", (long) (started * MS), (long) (sent * MS),
                (long) (received * MS), (long) (ended * MS), false);
    }

    static RunRecord run(double latencyMs, double serverMs) {
        return new RunRecord("counter-batch", "baseline", "batch", "breakdown", 0, 0, 0, 0, "2026-12-05T00:00:00Z", latencyMs,
                serverMs, serverMs, -1, -1, true, "", 0, 0, 1, 2, Map.of(), 1, 4, 0, 0, 0, 0, -1, -1, -1, -1, 0);
    }

    @Test
    void splitsTheRunAtTheSdkHooksAndTheHandlersLine() {
        List<SdkCallTimer.Call> calls = List.of(
                call("Lambda", "Invoke", true, 0, 1, 41, 42),                 // the driver's invoke
                call("DynamoDb", "GetItem", false, 10, 10.5, 14, 15),
                call("DynamoDb", "TransactWriteItems", false, 12, 13, 19, 20),  // overlaps the GetItem from 12 to 15
                call("DynamoDb", "GetItem", false, 25, 26, 29, 30),
                call("Lambda", "GetDurableExecution", true, 43, 43.5, 44, 45)); // the driver's read after the answer
        Map<Long, JsonNode> line = new LinkedHashMap<>();
        // the handler's line reached stdout at 38 ms and reports 30 ms: the handler ran from 8 to 38
        line.put(38 * MS, StrictJson.parse("{\"type\":\"invocation-metrics\",\"metrics\":{\"durationMs\":30.0}}"));
        RunTimeline t = RunTimeline.of(run(42.25, 30.0), calls, line);
        assertThat(t.driverMs()).isCloseTo(0.25, within(1e-9));       // 42.25 - (42 - 0)
        assertThat(t.sdkBeforeSendMs()).isCloseTo(1.0, within(1e-9));  // 1 - 0
        assertThat(t.httpMs()).isCloseTo(40.0, within(1e-9));          // 41 - 1
        assertThat(t.beforeHandlerMs()).isCloseTo(7.0, within(1e-9));  // 8 - 1
        assertThat(t.handlerMs()).isEqualTo(30.0);
        assertThat(t.inCallsMs()).isCloseTo(15.0, within(1e-9));       // [10, 20] and [25, 30]
        assertThat(t.ownMs()).isCloseTo(15.0, within(1e-9));           // 30 - 15
        assertThat(t.afterHandlerMs()).isCloseTo(3.0, within(1e-9));   // 41 - 38
        assertThat(t.sdkAfterResponseMs()).isCloseTo(1.0, within(1e-9)); // 42 - 41
        assertThat(t.driverMs() + t.sdkBeforeSendMs() + t.beforeHandlerMs() + t.handlerMs() + t.afterHandlerMs()
                + t.sdkAfterResponseMs()).isCloseTo(t.latencyMs(), within(1e-9));
        RunTimeline.CallTotal gets = t.calls().get("DynamoDb GetItem");
        assertThat(gets.count()).isEqualTo(2);
        assertThat(gets.ms()).isCloseTo(10.0, within(1e-9));            // 5 + 5
        assertThat(gets.beforeSendMs()).isCloseTo(1.5, within(1e-9));  // 0.5 + 1
        assertThat(gets.httpMs()).isCloseTo(6.5, within(1e-9));        // 3.5 + 3
        assertThat(gets.afterResponseMs()).isCloseTo(2.0, within(1e-9)); // 1 + 1
        assertThat(t.calls()).doesNotContainKey("Lambda GetDurableExecution").doesNotContainKey("Lambda Invoke");
    }

    @Test
    void aFunctionWithoutAMetricsLineIsSplitOnTheClientSideOnly() {
        RunTimeline t = RunTimeline.of(run(5.0, -1), List.of(call("Lambda", "Invoke", true, 0, 0.5, 4.5, 4.9)), Map.of());
        assertThat(t.httpMs()).isCloseTo(4.0, within(1e-9));
        assertThat(t.handlerMs()).isNaN();
        assertThat(t.driverMs()).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void refusesARunOfSeveralInvokes() {
        List<SdkCallTimer.Call> two = List.of(call("Lambda", "Invoke", true, 0, 1, 2, 3), call("Lambda", "Invoke", true, 4, 5, 6, 7));
        assertThatThrownBy(() -> RunTimeline.of(run(7, -1), two, Map.of())).hasMessageContaining("2 invokes");
    }

    @Test
    void unionCountsOverlapsOnce() {
        assertThat(RunTimeline.union(List.of(new long[] {0, 10}, new long[] {5, 15}, new long[] {20, 25},
                new long[] {21, 22}, new long[] {30, 30}))).isEqualTo(20); // [0, 15] and [20, 25]
        assertThat(RunTimeline.union(List.of())).isZero();
    }
}
