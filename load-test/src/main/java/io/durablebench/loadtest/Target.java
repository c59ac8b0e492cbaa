package io.durablebench.loadtest;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;

/**
 * Where the functions run. Every target invokes the same way ({@link #invoke}: the driver's Lambda
 * client, the function under the name the target gives it) and reads a durable execution the same way
 * ({@link #durableSide}). What a target decides: the client's endpoint and credentials, the functions'
 * names ({@link FunctionNames}), where the video source goes, where whole-execution counts come from,
 * whether the stores are behind counting proxies, and whether there is a no-op function.
 */
public abstract class Target implements AutoCloseable {
    private final Parts parts;

    /**
     * What a target is made of.
     *
     * @param description embedded, endpoint or aws, and where, for the report
     * @param lambda     the driver's Lambda client
     * @param names      the functions' names on the target
     * @param counts     where whole-execution counts come from
     * @param videoStore the bucket the video functions read, with uploads into it; empty when none is configured
     * @param noOp       a function that does nothing, invoked the same way, to measure the harness's own overhead;
     *                   empty if there is none
     */
    protected record Parts(String description, LambdaClient lambda, FunctionNames names, DurableCountsReader counts,
                           Optional<VideoStore> videoStore, Optional<String> noOp) {
    }

    protected Target(Parts parts) {
        this.parts = parts;
    }

    /** embedded, endpoint or aws, for the report. */
    public final String description() {
        return parts.description();
    }

    public final LambdaClient lambda() {
        return parts.lambda();
    }

    /** What to invoke for a template function (or a function this target adds, such as the no-op). */
    public final String function(String logicalId) {
        return parts.names().of(logicalId);
    }

    /** The one invoke path of every workload: synchronous, timed from the request sent to the answer read. */
    public final Invocation invoke(String logicalId, String payload, String executionName) {
        String function = function(logicalId);
        SdkBytes body = SdkBytes.fromUtf8String(payload);
        Stopwatch clock = Stopwatch.start();
        var response = parts.lambda().invoke(b -> {
            b.functionName(function).payload(body);
            if (executionName != null) {
                b.durableExecutionName(executionName);
            }
        });
        return new Invocation(clock.started(), clock.elapsedMs(), response);
    }

    /** A durable run's server duration ({@code GetDurableExecution} end - start) and whole-execution counts. */
    public final Measured durableSide(String executionArn) {
        if (executionArn == null) {
            return Measured.UNKNOWN_EXECUTION;
        }
        GetDurableExecutionResponse e = parts.lambda().getDurableExecution(b -> b.durableExecutionArn(executionArn));
        double server = e.startTimestamp() != null && e.endTimestamp() != null
                ? Duration.between(e.startTimestamp(), e.endTimestamp()).toNanos() / 1e6 : RunRecord.NOT_AVAILABLE;
        DurableCounts c = durableCounts(executionArn);
        return new Measured(server, c.invocationMs(), c.operationMs(), c.invocations(), c);
    }

    protected final DurableCountsReader counts() {
        return parts.counts();
    }

    /** Whole-execution counts of a durable execution and the children it started. */
    public DurableCounts durableCounts(String executionArn) {
        return parts.counts().read(executionArn);
    }

    /** The bucket the video functions read, with uploads into it; empty when the target has none configured. */
    public final Optional<VideoStore> videoStore() {
        return parts.videoStore();
    }

    /** A function that does nothing, invoked the same way, to measure the harness's own overhead; empty if none. */
    public final Optional<String> noOpFunction() {
        return parts.noOp();
    }

    /**
     * Counters of every DynamoDB and S3 request on the wire, by operation (DynamoDB: its API name; S3:
     * {@code "METHOD /bucket/key"}), when the target's stores are behind counting proxies; empty otherwise.
     */
    public Optional<WireCounts> wire() {
        return Optional.empty();
    }

    @Override
    public abstract void close();

    /** Snapshots of the wire counters. */
    public interface WireCounts {
        Map<String, Long> dynamoDb();

        Map<String, Long> s3();
    }
}
