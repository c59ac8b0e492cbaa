package io.durablebench.locallambda.durable;

import io.durablebench.locallambda.error.LambdaApiException;
import io.durablebench.locallambda.durable.model.ExecutionStatus;
import io.durablebench.locallambda.durable.model.Operation;
import io.durablebench.locallambda.durable.model.OperationAction;
import io.durablebench.locallambda.durable.model.OperationStatus;
import io.durablebench.locallambda.durable.model.OperationType;
import io.durablebench.locallambda.durable.model.OperationUpdate;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a checkpoint's updates against the service's rules and applies them to a transaction,
 * recording one history event per update. The rules (from the emulator's validators, which model
 * the service):
 * <ul>
 *   <li>at most one EXECUTION update, and it comes last;</li>
 *   <li>an Id appears once per batch, except a STEP or CONTEXT START followed by a non-START;</li>
 *   <li>a ParentId names an existing CONTEXT or one STARTed earlier in the batch;</li>
 *   <li>Type, SubType, Name and ParentId, when given, match the stored operation;</li>
 *   <li>each type accepts only its actions, from the right status (see {@link #checkTransition}).</li>
 * </ul>
 * Any violation throws InvalidParameterValueException before the transaction is written, so a
 * refused checkpoint changes nothing.
 */
final class CheckpointProcessor {
    private static final Map<OperationType, Set<OperationAction>> ACTIONS = Map.of(
            OperationType.STEP, EnumSet.of(OperationAction.START, OperationAction.SUCCEED, OperationAction.FAIL,
                    OperationAction.RETRY),
            OperationType.CONTEXT, EnumSet.of(OperationAction.START, OperationAction.SUCCEED, OperationAction.FAIL),
            OperationType.WAIT, EnumSet.of(OperationAction.START, OperationAction.CANCEL),
            OperationType.CALLBACK, EnumSet.of(OperationAction.START),
            OperationType.CHAINED_INVOKE, EnumSet.of(OperationAction.START),
            OperationType.EXECUTION, EnumSet.of(OperationAction.SUCCEED, OperationAction.FAIL));

    private CheckpointProcessor() {
    }

    static void apply(ExecutionTx tx, List<OperationUpdate> updates, Instant now) {
        long executionUpdates = updates.stream().filter(u -> u.type() == OperationType.EXECUTION).count();
        if (executionUpdates > 1) {
            throw LambdaApiException.invalidParameter("Cannot checkpoint multiple EXECUTION updates.");
        }
        if (executionUpdates == 1 && updates.get(updates.size() - 1).type() != OperationType.EXECUTION) {
            throw LambdaApiException.invalidParameter("EXECUTION checkpoint must be the last update.");
        }
        Map<String, OperationUpdate> lastSeen = new HashMap<>();
        Map<String, OperationUpdate> startedInBatch = new HashMap<>();
        for (int i = 0; i < updates.size(); i++) {
            OperationUpdate u = updates.get(i);
            String where = "Updates[" + i + "] (Id " + u.id() + "): ";
            OperationUpdate previous = lastSeen.get(u.id());
            if (previous != null && !(EnumSet.of(OperationType.STEP, OperationType.CONTEXT).contains(previous.type())
                    && previous.action() == OperationAction.START && u.action() != OperationAction.START)) {
                throw fail(where, "Cannot checkpoint multiple operations with the same ID.");
            }
            if (u.parentId() != null) {
                OperationUpdate startedParent = startedInBatch.get(u.parentId());
                Operation storedParent = tx.op(u.parentId());
                boolean ok = startedParent != null ? startedParent.type() == OperationType.CONTEXT
                        : storedParent != null && storedParent.type() == OperationType.CONTEXT;
                if (!ok) {
                    throw fail(where, "Invalid parent operation id.");
                }
            }
            Operation current = u.type() == OperationType.EXECUTION ? null : tx.op(u.id());
            if (u.type() == OperationType.EXECUTION) {
                Operation stored = tx.op(u.id());
                if (stored != null && stored.type() != OperationType.EXECUTION) {
                    throw fail(where, "Inconsistent operation type.");
                }
            }
            checkMetadata(where, u, current);
            if (!ACTIONS.get(u.type()).contains(u.action())) {
                throw fail(where, "Invalid action for the given operation type.");
            }
            checkTransition(where, u, current);
            applyOne(tx, u, current, now);
            if (u.action() == OperationAction.START) {
                startedInBatch.put(u.id(), u);
            }
            lastSeen.put(u.id(), u);
        }
    }

    private static void checkMetadata(String where, OperationUpdate u, Operation current) {
        if (current == null) {
            return;
        }
        if (u.type() != current.type()) {
            throw fail(where, "Inconsistent operation type.");
        }
        if (u.subType() != null && !u.subType().equals(current.subType())) {
            throw fail(where, "Inconsistent operation subtype.");
        }
        if (u.name() != null && !u.name().equals(current.name())) {
            throw fail(where, "Inconsistent operation name.");
        }
        if (u.parentId() != null && !u.parentId().equals(current.parentId())) {
            throw fail(where, "Inconsistent parent operation id.");
        }
    }

    /**
     * Per type: STEP starts when new or READY, ends (SUCCEED/FAIL) or RETRYs from STARTED or READY;
     * CONTEXT starts only when new and ends from STARTED; WAIT starts when new and is cancelled
     * from STARTED; CALLBACK and CHAINED_INVOKE only start, when new. SUCCEED carries no Error,
     * FAIL no Payload.
     */
    static void checkTransition(String where, OperationUpdate u, Operation current) {
        OperationStatus s = current == null ? null : current.status();
        switch (u.action()) {
            case SUCCEED -> {
                if (u.error() != null) {
                    throw fail(where, "Cannot provide an Error for SUCCEED action.");
                }
            }
            case FAIL -> {
                if (u.payload() != null) {
                    throw fail(where, "Cannot provide a Payload for FAIL action.");
                }
            }
            default -> {
            }
        }
        switch (u.type()) {
            case STEP -> {
                if (current == null) {
                    if (u.action() == OperationAction.RETRY && u.stepOptions() == null) {
                        throw fail(where, "Invalid StepOptions for the given action.");
                    }
                    break;
                }
                switch (u.action()) {
                    case START -> {
                        if (s != OperationStatus.READY) {
                            throw fail(where, "Invalid current STEP state to start.");
                        }
                    }
                    case SUCCEED, FAIL -> {
                        if (s != OperationStatus.STARTED && s != OperationStatus.READY) {
                            throw fail(where, "Invalid current STEP state to close.");
                        }
                    }
                    case RETRY -> {
                        if (s != OperationStatus.STARTED && s != OperationStatus.READY) {
                            throw fail(where, "Invalid current STEP state to re-attempt.");
                        }
                    }
                    default -> throw fail(where, "Invalid STEP action.");
                }
                if (u.action() == OperationAction.RETRY) {
                    if (u.stepOptions() == null) {
                        throw fail(where, "Invalid StepOptions for the given action.");
                    }
                }
            }
            case CONTEXT -> {
                if (u.action() == OperationAction.START && current != null) {
                    throw fail(where, "Cannot start a CONTEXT that already exist.");
                }
                if ((u.action() == OperationAction.SUCCEED || u.action() == OperationAction.FAIL) && current != null
                        && s != OperationStatus.STARTED) {
                    throw fail(where, "Invalid current CONTEXT state to close.");
                }
            }
            case WAIT -> {
                if (u.action() == OperationAction.START) {
                    if (current != null) {
                        throw fail(where, "Cannot start a WAIT that already exist.");
                    }
                    if (u.waitOptions() == null || u.waitOptions().waitSeconds() == null) {
                        throw fail(where, "WaitOptions.WaitSeconds is required to START a WAIT.");
                    }
                } else if (current == null || s != OperationStatus.STARTED) {
                    throw fail(where, "Cannot cancel a WAIT that does not exist or has already completed.");
                }
            }
            case CALLBACK -> {
                if (current != null) {
                    throw fail(where, "Cannot start a CALLBACK that already exist.");
                }
            }
            case CHAINED_INVOKE -> {
                if (current != null) {
                    throw fail(where, "Cannot start a CHAINED_INVOKE operation that already exists.");
                }
                if (u.chainedInvokeOptions() == null) {
                    throw fail(where, "Update for CHAINED_INVOKE operation requires ChainedInvokeOptions.");
                }
            }
            case EXECUTION -> {
            }
        }
        if (u.type() == OperationType.STEP && u.action() == OperationAction.RETRY && u.error() != null
                && u.payload() != null) {
            throw fail(where, "Cannot provide both error and payload to RETRY a STEP.");
        }
        if (u.type() == OperationType.STEP && u.action() == OperationAction.RETRY
                && u.stepOptions().nextAttemptDelaySeconds() == null) {
            throw fail(where, "StepOptions.NextAttemptDelaySeconds is required to RETRY a STEP.");
        }
    }

    private static void applyOne(ExecutionTx tx, OperationUpdate u, Operation current, Instant now) {
        if (u.type() == OperationType.EXECUTION) {
            if (u.action() == OperationAction.SUCCEED) {
                Transitions.close(tx, ExecutionStatus.SUCCEEDED, u.payload(), null, now);
            } else {
                Transitions.close(tx, ExecutionStatus.FAILED, null, u.error(), now);
            }
            return;
        }
        Operation.Builder b = current != null ? current.toBuilder()
                : Operation.builder(u.id(), u.type()).parentId(u.parentId()).name(u.name()).subType(u.subType())
                .startTimestamp(now);
        if (current == null) {
            tx.created++;
        }
        Operation op;
        switch (u.type()) {
            case STEP -> {
                int attempt = current == null || current.attempt() == null ? 0 : current.attempt();
                switch (u.action()) {
                    case START -> {
                        op = b.status(OperationStatus.STARTED).attempt(attempt).build();
                        tx.put(op);
                        tx.event("StepStarted", op, now, History.empty());
                    }
                    case SUCCEED -> {
                        op = b.status(OperationStatus.SUCCEEDED).attempt(attempt + 1).result(u.payload()).error(null)
                                .endTimestamp(now).build();
                        tx.put(op);
                        tx.event("StepSucceeded", op, now, History.stepSucceeded(u.payload(), attempt + 1));
                    }
                    case FAIL -> {
                        op = b.status(OperationStatus.FAILED).attempt(attempt + 1).error(u.error()).result(null)
                                .endTimestamp(now).build();
                        tx.put(op);
                        tx.event("StepFailed", op, now, History.stepFailed(u.error(), attempt + 1, null));
                    }
                    case RETRY -> {
                        int delay = u.stepOptions().nextAttemptDelaySeconds();
                        op = b.status(OperationStatus.PENDING).attempt(attempt + 1).result(u.payload())
                                .error(u.error()).nextAttemptTimestamp(now.plusSeconds(delay)).build();
                        tx.put(op);
                        if (u.error() == null && u.payload() != null) {
                            tx.event("StepSucceeded", op, now, History.stepRetriedWithState(u.payload(), attempt + 1, delay));
                        } else {
                            tx.event("StepFailed", op, now, History.stepFailed(u.error(), attempt + 1, delay));
                        }
                    }
                    default -> throw new IllegalStateException("unchecked STEP action " + u.action());
                }
            }
            case CONTEXT -> {
                switch (u.action()) {
                    case START -> {
                        op = b.status(OperationStatus.STARTED).build();
                        tx.put(op);
                        tx.event("ContextStarted", op, now, History.empty());
                    }
                    case SUCCEED -> {
                        Boolean replay = u.contextOptions() == null ? null : u.contextOptions().replayChildren();
                        op = b.status(OperationStatus.SUCCEEDED).result(u.payload()).replayChildren(replay)
                                .endTimestamp(now).build();
                        tx.put(op);
                        tx.event("ContextSucceeded", op, now, History.withResult(u.payload()));
                    }
                    case FAIL -> {
                        op = b.status(OperationStatus.FAILED).error(u.error()).endTimestamp(now).build();
                        tx.put(op);
                        tx.event("ContextFailed", op, now, History.withError(u.error()));
                    }
                    default -> throw new IllegalStateException("unchecked CONTEXT action " + u.action());
                }
            }
            case WAIT -> {
                if (u.action() == OperationAction.START) {
                    int seconds = u.waitOptions().waitSeconds();
                    Instant end = now.plusSeconds(seconds);
                    op = b.status(OperationStatus.STARTED).scheduledEndTimestamp(end)
                            .extras(new Operation.Extras(seconds, null, null, null, null, null, null)).build();
                    tx.put(op);
                    tx.event("WaitStarted", op, now, History.waitStarted(seconds, end));
                } else {
                    op = b.status(OperationStatus.CANCELLED).endTimestamp(now).build();
                    tx.put(op);
                    tx.event("WaitCancelled", op, now, u.error() == null ? History.empty() : History.withError(u.error()));
                }
            }
            case CALLBACK -> {
                Integer timeout = u.callbackOptions() == null ? null : u.callbackOptions().timeoutSeconds();
                Integer heartbeat = u.callbackOptions() == null ? null : u.callbackOptions().heartbeatTimeoutSeconds();
                String callbackId = Tokens.callbackId(tx.header.arn(), u.id());
                op = b.status(OperationStatus.STARTED).callbackId(callbackId)
                        .extras(new Operation.Extras(null, timeout, heartbeat, null, null, null, null)).build();
                tx.put(op);
                tx.event("CallbackStarted", op, now, History.callbackStarted(callbackId, timeout, heartbeat));
            }
            case CHAINED_INVOKE -> {
                OperationUpdate.ChainedInvokeOptions o = u.chainedInvokeOptions();
                op = b.status(OperationStatus.STARTED)
                        .extras(new Operation.Extras(null, null, null, o.functionName(), o.tenantId(), u.payload(), null))
                        .build();
                tx.put(op);
                tx.event("ChainedInvokeStarted", op, now, History.chainedInvokeStarted(o.functionName(), o.tenantId(),
                        u.payload()));
            }
            default -> throw new IllegalStateException("unexpected type " + u.type());
        }
        Objects.requireNonNull(op);
    }

    private static LambdaApiException fail(String where, String message) {
        return LambdaApiException.invalidParameter(message + " " + where.substring(0, where.length() - 2));
    }
}
