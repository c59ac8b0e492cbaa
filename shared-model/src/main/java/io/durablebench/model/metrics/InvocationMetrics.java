package io.durablebench.model.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one function invocation cost, returned in every response and logged as one JSON line.
 *
 * @param function     the function's name (its template logical id)
 * @param requestId    Lambda's request id of this invocation
 * @param durationMs   time spent inside the handler, in milliseconds
 * @param coordination DynamoDB calls: the explicit state a baseline keeps (none for durable functions)
 * @param blob         S3 calls: the video bytes, the same work on both sides
 * @param durable      the durable runtime's own work; absent for baseline functions
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvocationMetrics(String function, String requestId, double durationMs,
                                StoreMetrics coordination, StoreMetrics blob, DurableMetrics durable) {

    /**
     * The sum of two invocations of one function (durations, store calls and durable counts added):
     * what a group of chunk invocations cost together. The request id is no single invocation's, so
     * it is left out.
     */
    public InvocationMetrics plus(InvocationMetrics o) {
        return new InvocationMetrics(function, null, durationMs + o.durationMs, sum(coordination, o.coordination),
                sum(blob, o.blob), durable == null ? o.durable : o.durable == null ? durable : durable.plus(o.durable));
    }

    private static StoreMetrics sum(StoreMetrics a, StoreMetrics b) {
        return a == null ? b : b == null ? a : a.plus(b);
    }
}
