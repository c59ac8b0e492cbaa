package io.durablebench.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/** Store calls and handler time from the functions' metrics ({@code InvocationMetrics} JSON), summed. */
record Usage(double handlerMs, long ddbCalls, Map<String, Long> ddbByOperation, long ddbRetries, double rcu,
             double wcu, long s3Calls, long s3Gets, long s3Puts) {
    static final Usage NONE = new Usage(0, 0, Map.of(), 0, 0, 0, 0, 0, 0);

    static Usage of(JsonNode metrics) {
        JsonNode ddb = metrics.path("coordination");
        JsonNode s3 = metrics.path("blob");
        Map<String, Long> ops = new TreeMap<>();
        ddb.path("byOperation").fields().forEachRemaining(e -> ops.put(e.getKey(), e.getValue().asLong()));
        return new Usage(metrics.path("durationMs").asDouble(0), ddb.path("calls").asLong(0), ops,
                ddb.path("retries").asLong(0), ddb.path("readCapacityUnits").asDouble(0),
                ddb.path("writeCapacityUnits").asDouble(0), s3.path("calls").asLong(0),
                s3.path("byOperation").path("GetObject").asLong(0), s3.path("byOperation").path("PutObject").asLong(0));
    }

    Usage plus(Usage o) {
        Map<String, Long> ops = new TreeMap<>(ddbByOperation);
        o.ddbByOperation.forEach((k, v) -> ops.merge(k, v, Long::sum));
        return new Usage(handlerMs + o.handlerMs, ddbCalls + o.ddbCalls, ops, ddbRetries + o.ddbRetries,
                rcu + o.rcu, wcu + o.wcu, s3Calls + o.s3Calls, s3Gets + o.s3Gets, s3Puts + o.s3Puts);
    }
}
