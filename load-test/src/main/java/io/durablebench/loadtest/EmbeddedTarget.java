package io.durablebench.loadtest;

import io.durablebench.local.template.SamTemplate;
import io.durablebench.video.testbed.VideoTestBed;
import java.util.Map;
import java.util.Optional;

/**
 * Everything in this JVM: DynamoDB Local, the local S3 and the local Lambda hosting template.yaml's
 * functions (video-testbed's {@link VideoTestBed}, real time, no time skipping), plus the no-op
 * function registered in code. Needs no AWS account and deploys nothing.
 */
public final class EmbeddedTarget extends Target {
    private static final java.time.Duration SETTLE_TIMEOUT = java.time.Duration.ofMinutes(1);
    private final VideoTestBed bed;
    private final DurableInvocationLog invocationLog;

    private EmbeddedTarget(VideoTestBed bed, DurableInvocationLog invocationLog, SamTemplate template) {
        super(new Parts("embedded (local Lambda " + bed.lambda().endpoint() + (bed.stores().equals("localstack")
                ? ", LocalStack's DynamoDB and S3 in a container)" : ", DynamoDB Local, local S3, in-process)"),
                HarnessClients.local(bed.lambda().endpoint()), FunctionNames.byLogicalId(template),
                new DurableCountsReader(bed.lambda().client(), bed.lambda().endpoint()),
                Optional.of(new VideoStore(bed.bucket(), bed::upload, prefix -> bed.keys(prefix).size())),
                Optional.of(NoOpHandler.FUNCTION)));
        this.bed = bed;
        this.invocationLog = invocationLog;
    }

    public static EmbeddedTarget start(SamTemplate template) {
        return start(template, "local");
    }

    /** @param stores {@code local} (DynamoDB Local, local S3 in this JVM) or {@code localstack} (a container) */
    public static EmbeddedTarget start(SamTemplate template, String stores) {
        return start(template, stores, Map.of());
    }

    /**
     * @param stores      {@code local} (DynamoDB Local, local S3 in this JVM) or {@code localstack} (a container)
     * @param environment extra variables for every hosted function (they override the template's)
     */
    public static EmbeddedTarget start(SamTemplate template, String stores, Map<String, String> environment) {
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
            bed.lambda().service().register(NoOpHandler.FUNCTION, NoOpHandler::new, null, 30);
            return new EmbeddedTarget(bed, log, template);
        } catch (RuntimeException e) {
            bed.close();
            log.close();
            throw e;
        }
    }

    /** The hosted functions' stdout, read for their per-invocation metrics lines. */
    DurableInvocationLog functionLog() {
        return invocationLog;
    }

    /** The local services, for tests that compare the CSV with the wire counters. */
    public VideoTestBed bed() {
        return bed;
    }

    /** The service's counts, with the time inside operations the runtime logged for the execution. */
    @Override
    public DurableCounts durableCounts(String executionArn) {
        awaitSettled(executionArn);
        return super.durableCounts(executionArn).withOperationMs(invocationLog.inOperationsMs(executionArn));
    }

    /**
     * Waits (a minute at most) until no invocation of the execution is under way, so that the service's
     * counters, the history and the runtime's logged lines describe the same invocations.
     */
    private void awaitSettled(String executionArn) {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (!counts().settled(executionArn, invocationLog.invocations(executionArn))) {
            if (System.nanoTime() > deadline) {
                System.err.println("load-test: " + executionArn + " still had an invocation under way after "
                        + SETTLE_TIMEOUT.toSeconds() + " s; its counts are read as they are");
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public Optional<WireCounts> wire() {
        return Optional.of(new WireCounts() {
            @Override
            public Map<String, Long> dynamoDb() {
                return bed.wires().dynamoDb().requests();
            }

            @Override
            public Map<String, Long> s3() {
                return bed.wires().s3().requests();
            }
        });
    }

    @Override
    public void close() {
        lambda().close();
        bed.close();
        invocationLog.close();
    }
}
