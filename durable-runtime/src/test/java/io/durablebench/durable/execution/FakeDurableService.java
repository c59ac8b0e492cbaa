package io.durablebench.durable.execution;

import io.durablebench.durable.client.DurableExecutionClient;
import io.durablebench.durable.exception.CheckpointException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.lambda.model.CallbackDetails;
import software.amazon.awssdk.services.lambda.model.CheckpointDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.CheckpointUpdatedExecutionState;
import software.amazon.awssdk.services.lambda.model.ContextDetails;
import software.amazon.awssdk.services.lambda.model.ExecutionDetails;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionStateResponse;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationStatus;
import software.amazon.awssdk.services.lambda.model.OperationType;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;
import software.amazon.awssdk.services.lambda.model.StepDetails;
import software.amazon.awssdk.services.lambda.model.WaitDetails;

/**
 * An in-memory durable execution service for one execution: the boundary the runtime talks to,
 * implemented for real (single-use tokens, state changes per update, changed operations in the
 * response, paging), so the runtime's checkpoint and suspension logic can be tested without a
 * server. Tests can hold calls (to queue updates behind one in flight), inject changes made
 * outside the invocation (a wait firing), and fail a call.
 */
final class FakeDurableService implements DurableExecutionClient {
    static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:fn:1/durable-execution/run/exec-1";
    static final String EXECUTION_ID = "exec-1";

    /** One checkpoint call as received. */
    record Call(String token, List<OperationUpdate> updates, String thread) {
    }

    private final Map<String, Operation> operations = new LinkedHashMap<>();
    private final List<Operation> outsideChanges = new ArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> stateCallTokens = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private final Semaphore gate = new Semaphore(Integer.MAX_VALUE);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private volatile int pageSize = Integer.MAX_VALUE;
    private volatile long latencyMillis;
    private volatile CheckpointException nextFailure;
    private List<Operation> pendingPages = List.of();
    private String token = "t0";

    FakeDurableService(String input) {
        operations.put(EXECUTION_ID, Operation.builder().id(EXECUTION_ID).type(OperationType.EXECUTION)
                .status(OperationStatus.STARTED).startTimestamp(Instant.now())
                .executionDetails(ExecutionDetails.builder().inputPayload(input).build()).build());
    }

    /** The event of an invocation starting now, with every recorded operation. */
    synchronized InvocationEvent event() {
        return new InvocationEvent(ARN, token, List.copyOf(operations.values()), null, null);
    }

    // ---------------------------------------------------------------- test controls

    /** Calls block until {@link #release} lets them through (a call already past the gate is not affected). */
    void hold() {
        gate.drainPermits();
    }

    void release(int calls) {
        gate.release(calls);
    }

    void releaseAll() {
        gate.release(Integer.MAX_VALUE / 2);
    }

    /** Responses carry at most this many operations; the rest is paged with GetDurableExecutionState. */
    void pageSize(int operationsPerPage) {
        this.pageSize = operationsPerPage;
    }

    /** Every checkpoint call takes at least this long before it is answered. */
    void latency(long millis) {
        this.latencyMillis = millis;
    }

    void failNextCall(CheckpointException failure) {
        this.nextFailure = failure;
    }

    /** A change made outside the invocation (a timer fired, a retry became ready); the next response reports it. */
    synchronized void changeOutside(Operation changed) {
        operations.put(changed.id(), changed);
        outsideChanges.add(changed);
    }

    synchronized Operation operation(String id) {
        return operations.get(id);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<String> stateCallTokens() {
        return List.copyOf(stateCallTokens);
    }

    /** Whether a call is blocked at the gate (see {@link #hold}). */
    boolean callHeld() {
        return gate.hasQueuedThreads();
    }

    int mostInFlight() {
        return mostInFlight.get();
    }

    // ---------------------------------------------------------------- the service

    @Override
    public CheckpointDurableExecutionResponse checkpoint(String arn, String callToken, List<OperationUpdate> updates) {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            gate.acquireUninterruptibly();
            sleep(latencyMillis);
            calls.add(new Call(callToken, List.copyOf(updates), Thread.currentThread().getName()));
            synchronized (this) {
                CheckpointException failure = nextFailure;
                if (failure != null) {
                    nextFailure = null;
                    throw failure;
                }
                checkToken(arn, callToken);
                List<Operation> changed = new ArrayList<>(outsideChanges);
                outsideChanges.clear();
                for (OperationUpdate u : updates) {
                    Operation op = apply(u);
                    changed.removeIf(o -> o.id().equals(op.id()));
                    changed.add(op);
                }
                token = "t" + tokens.incrementAndGet();
                List<Operation> first = changed.subList(0, Math.min(pageSize, changed.size()));
                pendingPages = List.copyOf(changed.subList(first.size(), changed.size()));
                return CheckpointDurableExecutionResponse.builder().checkpointToken(token)
                        .newExecutionState(CheckpointUpdatedExecutionState.builder().operations(List.copyOf(first))
                                .nextMarker(pendingPages.isEmpty() ? null : "page-after-" + first.size()).build())
                        .build();
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public synchronized GetDurableExecutionStateResponse getExecutionState(String arn, String callToken, String marker) {
        stateCallTokens.add(callToken);
        checkToken(arn, callToken);
        List<Operation> page = pendingPages.subList(0, Math.min(pageSize, pendingPages.size()));
        pendingPages = List.copyOf(pendingPages.subList(page.size(), pendingPages.size()));
        return GetDurableExecutionStateResponse.builder().operations(List.copyOf(page))
                .nextMarker(pendingPages.isEmpty() ? null : "more").build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The invocation event as Lambda would send it now: JSON, with every recorded operation. */
    synchronized String eventJson() {
        StringBuilder ops = new StringBuilder();
        for (Operation op : operations.values()) {
            if (ops.length() > 0) {
                ops.append(',');
            }
            ops.append("{\"Id\":").append(quote(op.id())).append(",\"Type\":").append(quote(op.typeAsString()))
                    .append(",\"Status\":").append(quote(op.statusAsString()));
            if (op.name() != null) {
                ops.append(",\"Name\":").append(quote(op.name())).append(",\"SubType\":").append(quote(op.subType()));
            }
            if (op.executionDetails() != null) {
                ops.append(",\"ExecutionDetails\":{\"InputPayload\":").append(quote(op.executionDetails().inputPayload()))
                        .append('}');
            }
            if (op.stepDetails() != null) {
                ops.append(",\"StepDetails\":{\"Attempt\":").append(op.stepDetails().attempt())
                        .append(",\"Result\":").append(quote(op.stepDetails().result())).append('}');
            }
            ops.append('}');
        }
        return "{\"DurableExecutionArn\":" + quote(ARN) + ",\"CheckpointToken\":" + quote(token)
                + ",\"InitialExecutionState\":{\"Operations\":[" + ops + "]}}";
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void checkToken(String arn, String callToken) {
        if (!ARN.equals(arn)) {
            throw new CheckpointException("unknown execution " + arn, false, null);
        }
        if (!token.equals(callToken)) {
            throw new CheckpointException("Invalid Checkpoint Token: " + callToken + " (current " + token + ")", true, null);
        }
    }

    private Operation apply(OperationUpdate u) {
        Operation old = operations.get(u.id());
        Operation.Builder b = old != null ? old.toBuilder() : Operation.builder().id(u.id()).parentId(u.parentId())
                .name(u.name()).type(u.type()).subType(u.subType()).startTimestamp(Instant.now());
        int attempt = old == null || old.stepDetails() == null || old.stepDetails().attempt() == null
                ? 0 : old.stepDetails().attempt();
        switch (u.action()) {
            case START -> {
                b.status(OperationStatus.STARTED);
                if (u.type() == OperationType.WAIT) {
                    b.waitDetails(WaitDetails.builder().scheduledEndTimestamp(
                            Instant.now().plusSeconds(u.waitOptions().waitSeconds())).build());
                } else if (u.type() == OperationType.CALLBACK) {
                    b.callbackDetails(CallbackDetails.builder().callbackId("cb-" + u.id()).build());
                }
            }
            case SUCCEED -> {
                b.status(OperationStatus.SUCCEEDED).endTimestamp(Instant.now());
                if (u.type() == OperationType.STEP) {
                    b.stepDetails(StepDetails.builder().attempt(attempt + 1).result(u.payload()).build());
                } else if (u.type() == OperationType.CONTEXT) {
                    b.contextDetails(ContextDetails.builder().result(u.payload()).build());
                }
            }
            case FAIL -> {
                b.status(OperationStatus.FAILED).endTimestamp(Instant.now());
                if (u.type() == OperationType.STEP) {
                    b.stepDetails(StepDetails.builder().attempt(attempt + 1).error(u.error()).build());
                }
            }
            case RETRY -> b.status(OperationStatus.PENDING).stepDetails(StepDetails.builder().attempt(attempt + 1)
                    .result(u.payload()).error(u.error()).nextAttemptTimestamp(
                            Instant.now().plusSeconds(u.stepOptions().nextAttemptDelaySeconds())).build());
            default -> throw new CheckpointException("the fake does not model " + u.action(), false, null);
        }
        Operation op = b.build();
        operations.put(op.id(), op);
        return op;
    }
}
