package io.durablebench.conformance;

import io.durablebench.conformance.vectors.ConformanceCase;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** How one vector went. */
record CaseReport(ConformanceCase vector, Verdict verdict, String skipReason, List<String> problems, Duration took,
                  String executionArn, Observed observed) {

    /**
     * What the service reported, for comparing two services case by case.
     *
     * @param status  the execution's status (null when not awaited)
     * @param result  the result's JSON (null when none)
     * @param events  the history as "EventType/SubType" in EventId order
     */
    record Observed(String status, com.fasterxml.jackson.databind.JsonNode result, List<String> events) {
        static final Observed NONE = new Observed(null, null, List.of());
    }

    enum Verdict { PASSED, FAILED, SKIPPED }

    /** One line, plus indented lines for each problem of a failed case. */
    String describe() {
        String head = String.format(Locale.ROOT, "%-4s %-13s %-70s %6.1f s", switch (verdict) {
            case PASSED -> "PASS";
            case FAILED -> "FAIL";
            case SKIPPED -> "SKIP";
        }, vector.suite() + "/" + vector.id(), abbreviate(vector.description(), 70), took.toMillis() / 1000.0);
        StringBuilder s = new StringBuilder(head);
        if (verdict == Verdict.SKIPPED) {
            s.append("\n       declined: ").append(skipReason);
            s.append("\n       observed: ").append(problems.isEmpty() ? "everything not waived matches the vector"
                    : String.join("; ", problems));
        } else {
            for (String p : problems) {
                s.append("\n       ").append(p);
            }
        }
        return s.toString();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
