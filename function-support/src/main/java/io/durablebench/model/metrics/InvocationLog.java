package io.durablebench.model.metrics;

import io.durablebench.model.json.StrictJson;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes one structured JSON line per invocation to standard output, which Lambda ships to
 * CloudWatch Logs; a load test or a Logs Insights query can read the counts from there as well as
 * from the response.
 */
public final class InvocationLog {
    public static final String TYPE = "invocation-metrics";

    private InvocationLog() {
    }

    public static String line(InvocationMetrics metrics, String outcome) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", TYPE);
        fields.put("outcome", outcome);
        fields.put("metrics", metrics);
        return StrictJson.write(fields);
    }

    public static void emit(InvocationMetrics metrics, String outcome) {
        emit(System.out, metrics, outcome);
    }

    public static void emit(PrintStream out, InvocationMetrics metrics, String outcome) {
        out.println(line(metrics, outcome));
    }
}
