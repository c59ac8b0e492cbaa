package io.durablebench.support;

import io.durablebench.model.metrics.DurableMetrics;
import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.model.metrics.StoreMeter;
import io.durablebench.model.metrics.StoreMetrics;

/**
 * One invocation's cost so far: the time since it started and the calls the function instance's
 * {@link StoreMeter} counted since then (an instance runs one invocation at a time, like a Lambda
 * execution environment, so the difference is this invocation's).
 */
public final class InvocationMeter {
    private final String function;
    private final String requestId;
    private final StoreMeter meter;
    private final long startedNanos = System.nanoTime();
    private final StoreMetrics dynamoDbBefore;
    private final StoreMetrics s3Before;

    InvocationMeter(String function, String requestId, StoreMeter meter) {
        this.function = function;
        this.requestId = requestId;
        this.meter = meter;
        this.dynamoDbBefore = meter.snapshot(StoreMeter.DYNAMODB);
        this.s3Before = meter.snapshot(StoreMeter.S3);
    }

    /** Lambda's request id of this invocation ({@code local-<uuid>} without a Lambda context). */
    public String requestId() {
        return requestId;
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
