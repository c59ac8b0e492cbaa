package io.durablebench.support;

import io.durablebench.model.metrics.DurableMetrics;
import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.model.metrics.StoreMeter;
import io.durablebench.model.metrics.StoreMetrics;

/**
 * One invocation's cost so far: the time since it started and the calls the function instance's
 * {@link StoreMeter} counted since then (an instance runs one invocation at a time, like a Lambda
 * execution environment, so the difference is this invocation's).
 *
 * @param requestId Lambda's request id of this invocation ({@code local-<uuid>} without a Lambda context)
 */
public record InvocationMeter(String function, String requestId, StoreMeter meter, long startedNanos,
                              StoreMetrics dynamoDbBefore, StoreMetrics s3Before) {
    /** Starts metering now, from the meter's current counts. */
    static InvocationMeter start(String function, String requestId, StoreMeter meter) {
        return new InvocationMeter(function, requestId, meter, System.nanoTime(), meter.snapshot(StoreMeter.DYNAMODB),
                meter.snapshot(StoreMeter.S3));
    }

    /** The cost so far: DynamoDB calls as {@code coordination}, S3 calls as {@code blob}. */
    public InvocationMetrics metrics() {
        return metrics(null);
    }

    /** The same, with the durable runtime's counts. */
    public InvocationMetrics metrics(DurableMetrics durable) {
        return new InvocationMetrics(function, requestId, (System.nanoTime() - startedNanos) / 1e6,
                meter.snapshot(StoreMeter.DYNAMODB).minus(dynamoDbBefore), meter.snapshot(StoreMeter.S3).minus(s3Before),
                durable);
    }
}
