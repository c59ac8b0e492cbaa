package io.durablebench.durable.operation;

import io.durablebench.durable.execution.InvocationRuntime;
import java.time.Duration;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationAction;
import software.amazon.awssdk.services.lambda.model.OperationStatus;
import software.amazon.awssdk.services.lambda.model.OperationType;
import software.amazon.awssdk.services.lambda.model.WaitOptions;

/**
 * A wait (WAIT / {@code Wait}): START with the duration; the service sets the due time and later
 * marks it SUCCEEDED. Meanwhile the invocation suspends unless other work is running.
 */
public final class WaitOperation {
    static final String SUB_TYPE = "Wait";
    public static final long MAX_SECONDS = 31_622_400L;

    private final InvocationRuntime runtime;
    private final Updates.OperationRef ref;
    private final long seconds;

    public WaitOperation(InvocationRuntime runtime, String id, String parentId, String name, Duration duration) {
        this.runtime = runtime;
        this.ref = new Updates.OperationRef(id, parentId, name, OperationType.WAIT, SUB_TYPE);
        this.seconds = validSeconds(duration);
    }

    static long validSeconds(Duration duration) {
        if (duration == null) {
            throw new IllegalArgumentException("a wait needs a duration");
        }
        if (duration.getNano() != 0 || duration.getSeconds() < 1 || duration.getSeconds() > MAX_SECONDS) {
            throw new IllegalArgumentException("a wait lasts a whole number of seconds from 1 to " + MAX_SECONDS
                    + "; got " + duration);
        }
        return duration.getSeconds();
    }

    public Void run() {
        Operation op = OperationSupport.existing(runtime, ref);
        if (op != null && op.status() != OperationStatus.STARTED) {
            runtime.replayed();
            return null;
        }
        if (op == null) {
            runtime.executing();
            runtime.checkpoint(Updates.of(ref, OperationAction.START)
                    .waitOptions(WaitOptions.builder().waitSeconds((int) seconds).build()).build());
        } else {
            runtime.executing();
        }
        Operation now = runtime.operation(ref.id());
        runtime.awaitOperation(ref.id(), o -> o != null && o.status() != OperationStatus.STARTED,
                now != null && now.waitDetails() != null ? now.waitDetails().scheduledEndTimestamp() : null);
        return null;
    }
}
