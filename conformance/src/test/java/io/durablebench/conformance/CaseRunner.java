package io.durablebench.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.durablebench.conformance.backend.DurableBackend;
import io.durablebench.conformance.handlers.CaseBody;
import io.durablebench.conformance.handlers.CaseHandlers;
import io.durablebench.conformance.handlers.CaseProbe;
import io.durablebench.conformance.handlers.LogCapture;
import io.durablebench.conformance.handlers.VectorFunction;
import io.durablebench.conformance.vectors.ConformanceCase;
import io.durablebench.conformance.vectors.Declined;
import io.durablebench.conformance.vectors.HistoryMatcher;
import io.durablebench.durable.DurableHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Runs one vector on a backend: deploys its handler, runs one execution, and matches what the backend reports. */
final class CaseRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longer than any vector needs in real time (the default retry strategy's delays add up to ~15 s). */
    static final Duration CASE_TIMEOUT = Duration.ofSeconds(180);

    private final DurableBackend backend;
    private final Declined declined;
    private final Map<String, String> environment;

    CaseRunner(DurableBackend backend, Declined declined) {
        this.backend = backend;
        this.declined = declined;
        this.environment = backend.functionEnvironment();
    }

    CaseReport run(ConformanceCase c) {
        long started = System.nanoTime();
        Declined.Entry decline = declined.entry(c.id(), backend.name());
        ConformanceCase checked = decline == null ? c : decline.apply(c);
        List<String> problems = new ArrayList<>();
        String arn = null;
        CaseReport.Observed[] observed = {CaseReport.Observed.NONE};
        try {
            CaseBody body = CaseHandlers.of(c.id());
            if (body == null) {
                problems.add("no handler is written for this case");
            } else {
                String function = "conformance-" + c.id();
                CaseProbe probe = new CaseProbe(c.id());
                backend.deploy(function, () -> DurableHandler.withEnvironment(new VectorFunction(body, probe), environment));
                arn = backend.startExecution(function, c.input().isNull() ? null : c.input().toString());
                observed[0] = check(checked, arn, problems);
            }
        } catch (RuntimeException | AssertionError e) {
            problems.add("the run broke: " + e + (arn == null ? "" : "; backend log: " + backend.logTail()));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (decline != null && (decline.whole() || problems.isEmpty())) {
            // declined as a whole, or only in the waived expectations, and everything else conforms
            return new CaseReport(c, CaseReport.Verdict.SKIPPED, decline.reason()
                    + (decline.whole() ? "" : " [waived: " + String.join("; ", decline.waivers()) + "]"), problems, took, arn, observed[0]);
        }
        if (decline != null) {
            problems.add("(checked without the expectations DECLINED.md waives: " + String.join("; ", decline.waivers())
                    + "; event numbers above are after those waivers)");
        }
        return new CaseReport(c, problems.isEmpty() ? CaseReport.Verdict.PASSED : CaseReport.Verdict.FAILED, null,
                problems, took, arn, observed[0]);
    }

    private CaseReport.Observed check(ConformanceCase c, String arn, List<String> problems) {
        List<JsonNode> history;
        DurableBackend.ExecutionState state = null;
        if (c.startOnly()) {
            // AsyncInvoke with a long wait: only the start of the history is expected; then stop it.
            history = awaitEvents(arn, c.lastExpectedEventId());
            if (backend.describe(arn).status().equals("RUNNING")) {
                backend.stop(arn);
            }
        } else {
            state = backend.awaitCompletion(arn, CASE_TIMEOUT);
            history = backend.history(arn);
        }
        HistoryMatcher matcher = new HistoryMatcher();
        if (c.expectedResult() != null) {
            String want = c.expectedResult().get("ExecutionStatus").asText();
            if (state == null || !want.equals(state.status())) {
                problems.add("execution status: expected " + want + ", got " + (state == null ? "(not awaited)"
                        : state.status() + (state.error() == null ? "" : " " + state.error())));
            }
            if (c.expectedResult().has("Result") && state != null) {
                matcher.matchValue("result", c.expectedResult().get("Result"), parse(state.result()));
            }
        }
        matcher.matchHistory(c.expectedHistory(), history);
        problems.addAll(matcher.mismatches());
        if (!matcher.matched()) {
            problems.add("actual history: " + summary(history));
        }
        for (ConformanceCase.ExpectedLog log : c.expectedLogs()) {
            Pattern p = log.pattern().length() > 1 && log.pattern().startsWith("/") && log.pattern().endsWith("/")
                    ? Pattern.compile(log.pattern().substring(1, log.pattern().length() - 1))
                    : Pattern.compile(Pattern.quote(log.pattern()));
            List<String> lines = LogCapture.lines(arn);
            long n = lines.stream().filter(l -> p.matcher(l).find()).count();
            if (n != log.count()) {
                problems.add("log lines matching " + log.pattern() + ": expected " + log.count() + ", got " + n
                        + " in " + lines);
            }
        }
        List<String> events = new ArrayList<>();
        for (JsonNode e : history) {
            events.add(e.path("EventType").asText() + (e.hasNonNull("SubType") ? "/" + e.get("SubType").asText() : ""));
        }
        return new CaseReport.Observed(state == null ? null : state.status(), state == null ? null : parse(state.result()),
                events);
    }

    private List<JsonNode> awaitEvents(String arn, int events) {
        long deadline = System.nanoTime() + CASE_TIMEOUT.toNanos();
        while (true) {
            List<JsonNode> h = backend.history(arn);
            if (h.size() >= events || !backend.describe(arn).status().equals("RUNNING")) {
                return h;
            }
            if (System.nanoTime() > deadline) {
                return h;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static JsonNode parse(String result) {
        if (result == null) {
            return NullNode.getInstance();
        }
        try {
            JsonNode n = JSON.readTree(result);
            return n == null ? TextNode.valueOf(result) : n;
        } catch (IOException notJson) {
            return TextNode.valueOf(result);
        }
    }

    /** "1 ExecutionStarted, 2 StepStarted Step, ..." */
    static String summary(List<JsonNode> history) {
        List<String> parts = new ArrayList<>();
        for (JsonNode e : history) {
            parts.add(e.path("EventId").asText() + " " + e.path("EventType").asText()
                    + (e.hasNonNull("SubType") ? "/" + e.get("SubType").asText() : ""));
        }
        return String.join(", ", parts);
    }
}
