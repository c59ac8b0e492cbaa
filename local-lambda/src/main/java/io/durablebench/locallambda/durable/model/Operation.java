package io.durablebench.locallambda.durable.model;

import java.time.Instant;

/**
 * One operation of a durable execution as the service stores it (Lambda's {@code Operation}),
 * immutable. The type-specific details objects of the wire shape are flattened into nullable
 * fields; {@link #extras()} holds what the service keeps about an operation but never returns.
 *
 * @param inputPayload          ExecutionDetails.InputPayload (EXECUTION)
 * @param result                Result of ContextDetails, StepDetails, CallbackDetails, ChainedInvokeDetails
 * @param error                 Error of the same details objects
 * @param replayChildren        ContextDetails.ReplayChildren
 * @param attempt               StepDetails.Attempt
 * @param nextAttemptTimestamp  StepDetails.NextAttemptTimestamp
 * @param scheduledEndTimestamp WaitDetails.ScheduledEndTimestamp
 * @param callbackId            CallbackDetails.CallbackId
 */
public record Operation(String id, String parentId, String name, OperationType type, String subType,
                        OperationStatus status, Instant startTimestamp, Instant endTimestamp,
                        String inputPayload, String result, ErrorObject error, Boolean replayChildren,
                        Integer attempt, Instant nextAttemptTimestamp, Instant scheduledEndTimestamp,
                        String callbackId, Extras extras) {

    public Operation {
        extras = extras == null ? Extras.NONE : extras;
    }

    /**
     * Service-side facts about an operation that the wire shape does not carry: the options it was
     * started with (for timers and history details) and, for chained invokes, the target and the
     * child execution that runs it.
     */
    public record Extras(Integer waitSeconds, Integer callbackTimeoutSeconds, Integer callbackHeartbeatTimeoutSeconds,
                         String invokeFunctionName, String invokeTenantId, String invokeInput,
                         String childExecutionArn) {
        public static final Extras NONE = new Extras(null, null, null, null, null, null, null);

        public Extras withChildExecutionArn(String arn) {
            return new Extras(waitSeconds, callbackTimeoutSeconds, callbackHeartbeatTimeoutSeconds,
                    invokeFunctionName, invokeTenantId, invokeInput, arn);
        }
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder(String id, OperationType type) {
        Builder b = new Builder();
        b.id = id;
        b.type = type;
        return b;
    }

    /** Copy-with-changes helper for this many-field record. */
    public static final class Builder {
        private String id;
        private String parentId;
        private String name;
        private OperationType type;
        private String subType;
        private OperationStatus status;
        private Instant startTimestamp;
        private Instant endTimestamp;
        private String inputPayload;
        private String result;
        private ErrorObject error;
        private Boolean replayChildren;
        private Integer attempt;
        private Instant nextAttemptTimestamp;
        private Instant scheduledEndTimestamp;
        private String callbackId;
        private Extras extras = Extras.NONE;

        private Builder() {
        }

        private Builder(Operation o) {
            id = o.id;
            parentId = o.parentId;
            name = o.name;
            type = o.type;
            subType = o.subType;
            status = o.status;
            startTimestamp = o.startTimestamp;
            endTimestamp = o.endTimestamp;
            inputPayload = o.inputPayload;
            result = o.result;
            error = o.error;
            replayChildren = o.replayChildren;
            attempt = o.attempt;
            nextAttemptTimestamp = o.nextAttemptTimestamp;
            scheduledEndTimestamp = o.scheduledEndTimestamp;
            callbackId = o.callbackId;
            extras = o.extras;
        }

        public Builder parentId(String v) { parentId = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder subType(String v) { subType = v; return this; }
        public Builder status(OperationStatus v) { status = v; return this; }
        public Builder startTimestamp(Instant v) { startTimestamp = v; return this; }
        public Builder endTimestamp(Instant v) { endTimestamp = v; return this; }
        public Builder inputPayload(String v) { inputPayload = v; return this; }
        public Builder result(String v) { result = v; return this; }
        public Builder error(ErrorObject v) { error = v; return this; }
        public Builder replayChildren(Boolean v) { replayChildren = v; return this; }
        public Builder attempt(Integer v) { attempt = v; return this; }
        public Builder nextAttemptTimestamp(Instant v) { nextAttemptTimestamp = v; return this; }
        public Builder scheduledEndTimestamp(Instant v) { scheduledEndTimestamp = v; return this; }
        public Builder callbackId(String v) { callbackId = v; return this; }
        public Builder extras(Extras v) { extras = v; return this; }

        public Operation build() {
            return new Operation(id, parentId, name, type, subType, status, startTimestamp, endTimestamp,
                    inputPayload, result, error, replayChildren, attempt, nextAttemptTimestamp,
                    scheduledEndTimestamp, callbackId, extras);
        }
    }
}
