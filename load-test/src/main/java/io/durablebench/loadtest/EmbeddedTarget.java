package io.durablebench.loadtest;

import io.durablebench.video.testbed.VideoTestBed;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Everything in this JVM: DynamoDB Local, the local S3 and the local Lambda hosting template.yaml's
 * functions (video-testbed's {@link VideoTestBed}, real time, no time skipping), plus the no-op
 * function registered in code. Needs no AWS account and deploys nothing.
 */
public final class EmbeddedTarget implements Target {
    private final VideoTestBed bed;
    private final DurableCountsReader counts;
    private final LambdaClient lambda;
    private final DurableInvocationLog invocationLog;

    private EmbeddedTarget(VideoTestBed bed, DurableInvocationLog invocationLog) {
        this.bed = bed;
        this.invocationLog = invocationLog;
        this.lambda = HarnessClients.local(bed.lambdaEndpoint());
        this.counts = new DurableCountsReader(bed.lambdaClient(), bed.lambdaEndpoint());
    }

    public static EmbeddedTarget start() {
        return start("local");
    }

    /** @param stores {@code local} (DynamoDB Local, local S3 in this JVM) or {@code localstack} (a container) */
    public static EmbeddedTarget start(String stores) {
        return start(stores, Map.of());
    }

    /**
     * @param stores      {@code local} (DynamoDB Local, local S3 in this JVM) or {@code localstack} (a container)
     * @param environment extra variables for every hosted function (they override the template's)
     */
    public static EmbeddedTarget start(String stores, Map<String, String> environment) {
        // the hosted functions' stdout is their log: read the durable runtime's per-invocation lines off it
        DurableInvocationLog log = DurableInvocationLog.install();
        VideoTestBed bed;
        try {
            bed = VideoTestBed.start(environment, false, stores);
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
        try {
            bed.localLambda().register(NoOpHandler.FUNCTION, NoOpHandler::new, null, 30);
            return new EmbeddedTarget(bed, log);
        } catch (RuntimeException e) {
            bed.close();
            log.close();
            throw e;
        }
    }

    /** The local services, for tests that compare the CSV with the wire counters. */
    public VideoTestBed bed() {
        return bed;
    }

    @Override
    public String description() {
        return "embedded (local Lambda " + bed.lambdaEndpoint() + (bed.stores().equals("localstack")
                ? ", LocalStack's DynamoDB and S3 in a container)" : ", DynamoDB Local, local S3, in-process)");
    }

    @Override
    public LambdaClient lambda() {
        return lambda;
    }

    @Override
    public String function(String logicalId) {
        return Workloads.isDurable(logicalId) ? logicalId + ":live" : logicalId;
    }

    @Override
    public Optional<VideoStore> videoStore() {
        return Optional.of(new VideoStore() {
            @Override
            public String bucket() {
                return bed.bucket();
            }

            @Override
            public void upload(String key, byte[] bytes) {
                bed.upload(key, bytes);
            }
        });
    }

    @Override
    public DurableCounts durableCounts(String executionArn) {
        return counts.read(executionArn).withOperationMs(invocationLog.inOperationsMs(executionArn));
    }

    @Override
    public Optional<WireCounts> wire() {
        return Optional.of(new WireCounts() {
            @Override
            public java.util.Map<String, Long> dynamoDb() {
                return bed.dynamoWire().requests();
            }

            @Override
            public java.util.Map<String, Long> s3() {
                return bed.s3Wire().requests();
            }
        });
    }

    @Override
    public Optional<String> noOpFunction() {
        return Optional.of(NoOpHandler.FUNCTION);
    }

    @Override
    public void close() {
        lambda.close();
        bed.close();
        invocationLog.close();
    }
}
