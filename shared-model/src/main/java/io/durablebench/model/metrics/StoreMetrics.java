package io.durablebench.model.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one invocation asked of one store (DynamoDB or S3), as counted by {@link StoreMeter}.
 *
 * @param calls              API calls made (each counted once, however many HTTP attempts it took)
 * @param byOperation        calls per API operation name, e.g. {@code {"GetItem":1,"TransactWriteItems":1}}
 * @param failedCalls        calls that ended in an error (a failed conditional write is one)
 * @param retries            extra HTTP attempts the SDK made beyond one per call
 * @param readCapacityUnits  read capacity the store reported as consumed
 * @param writeCapacityUnits write capacity the store reported as consumed
 * @param requestBytes       request body bytes sent, over all attempts
 * @param responseBytes      response body bytes received, over all attempts
 */
public record StoreMetrics(long calls, Map<String, Long> byOperation, long failedCalls, long retries,
                           double readCapacityUnits, double writeCapacityUnits,
                           long requestBytes, long responseBytes) {
    public static final StoreMetrics NONE = new StoreMetrics(0, Map.of(), 0, 0, 0, 0, 0, 0);

    public StoreMetrics {
        byOperation = java.util.Collections.unmodifiableMap(new TreeMap<>(byOperation));
    }

    public long callsOf(String operation) {
        return byOperation.getOrDefault(operation, 0L);
    }

    public StoreMetrics plus(StoreMetrics other) {
        Map<String, Long> ops = new TreeMap<>(byOperation);
        other.byOperation.forEach((k, v) -> ops.merge(k, v, Long::sum));
        return new StoreMetrics(calls + other.calls, ops, failedCalls + other.failedCalls,
                retries + other.retries, readCapacityUnits + other.readCapacityUnits,
                writeCapacityUnits + other.writeCapacityUnits, requestBytes + other.requestBytes,
                responseBytes + other.responseBytes);
    }

    public StoreMetrics minus(StoreMetrics earlier) {
        Map<String, Long> ops = new TreeMap<>(byOperation);
        earlier.byOperation.forEach((k, v) -> ops.merge(k, -v, Long::sum));
        ops.values().removeIf(v -> v == 0L);
        return new StoreMetrics(calls - earlier.calls, ops, failedCalls - earlier.failedCalls,
                retries - earlier.retries, readCapacityUnits - earlier.readCapacityUnits,
                writeCapacityUnits - earlier.writeCapacityUnits, requestBytes - earlier.requestBytes,
                responseBytes - earlier.responseBytes);
    }
}
