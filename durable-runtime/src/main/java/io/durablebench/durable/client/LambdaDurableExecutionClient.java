package io.durablebench.durable.client;

import io.durablebench.durable.exception.CheckpointException;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CheckpointDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionStateResponse;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;

/**
 * {@link DurableExecutionClient} over the AWS SDK's Lambda client: real Lambda, AWS's emulator or
 * the project's local Lambda, whichever endpoint the client points at.
 *
 * <p>Failures are classified as the service's contract asks: throttling, server errors, network
 * errors and a stale checkpoint token are retryable (the invocation throws and Lambda retries it
 * from the last acknowledged checkpoint); any other client error means this execution cannot
 * continue and it fails.
 */
public final class LambdaDurableExecutionClient implements DurableExecutionClient {
    static final String STALE_TOKEN_PREFIX = "Invalid Checkpoint Token";
    private static final int MAX_ITEMS_PER_PAGE = 1000;

    /** The SDK publishes a synchronous call's metrics on the calling thread before the call returns. */
    private static final ThreadLocal<SdkCallTimings> LAST_CALL = ThreadLocal.withInitial(() -> SdkCallTimings.UNKNOWN);
    private static final MetricPublisher TIMINGS = new MetricPublisher() {
        @Override
        public void publish(MetricCollection metrics) {
            LAST_CALL.set(SdkCallTimings.of(metrics));
        }

        @Override
        public void close() {
            // nothing held
        }
    };

    private final LambdaClient lambda;

    public LambdaDurableExecutionClient(LambdaClient lambda) {
        this.lambda = lambda;
    }

    @Override
    public CheckpointDurableExecutionResponse checkpoint(String arn, String token, List<OperationUpdate> updates) {
        return call("CheckpointDurableExecution", () -> lambda.checkpointDurableExecution(r -> r
                .durableExecutionArn(arn).checkpointToken(token).updates(updates)
                .overrideConfiguration(o -> o.addMetricPublisher(TIMINGS))));
    }

    @Override
    public GetDurableExecutionStateResponse getExecutionState(String arn, String token, String marker) {
        return call("GetDurableExecutionState", () -> lambda.getDurableExecutionState(r -> r
                .durableExecutionArn(arn).checkpointToken(token).marker(marker).maxItems(MAX_ITEMS_PER_PAGE)
                .overrideConfiguration(o -> o.addMetricPublisher(TIMINGS))));
    }

    @Override
    public SdkCallTimings lastCallTimings() {
        return LAST_CALL.get();
    }

    private static <T> T call(String operation, Supplier<T> call) {
        LAST_CALL.remove();
        try {
            return call.get();
        } catch (AwsServiceException e) {
            int status = e.statusCode();
            String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                    ? e.awsErrorDetails().errorMessage() : e.getMessage();
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            // Lambda says "Invalid Checkpoint Token ...", AWS's emulator "Invalid checkpoint token".
            if (message != null && message.regionMatches(true, 0, STALE_TOKEN_PREFIX, 0, STALE_TOKEN_PREFIX.length())) {
                throw new CheckpointException(operation + " rejected the checkpoint token as stale or already used ("
                        + message + "); another invocation of this execution has moved on. Retrying the invocation.",
                        true, e);
            }
            boolean retryable = status == 429 || status >= 500 || e.isThrottlingException();
            throw new CheckpointException(operation + " failed with " + code + " (HTTP " + status + "): " + message,
                    retryable, e);
        } catch (SdkClientException e) {
            throw new CheckpointException(operation + " could not reach the service: " + e.getMessage(), true, e);
        } catch (SdkException e) {
            throw new CheckpointException(operation + " failed: " + e.getMessage(), true, e);
        }
    }
}
