package io.durablebench.locallambda.durable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.locallambda.json.Json;

/**
 * What one execution cost the service, counted as it happens (guarded by the execution's lock).
 * Persisted with every journal write of the execution, so after a restart the counts are those of
 * the last durable write.
 */
public final class ExecutionMetrics {
    /** CheckpointDurableExecution calls answered with a new token (empty polls included). */
    long checkpointCalls;
    /** CheckpointDurableExecution calls refused (bad token, rule violation, bad input). */
    long rejectedCheckpointCalls;
    /** OperationUpdates applied. */
    long updates;
    /** Operations created by checkpoints (the EXECUTION operation not included). */
    long operationsStarted;
    /** UTF-8 bytes of the Payload and serialized Error of the applied updates. */
    long payloadBytes;
    /** Body bytes of the accepted checkpoint requests. */
    long checkpointRequestBytes;
    /** Handler invocations (the first and every replay). */
    long invocations;
    /** Invocations that threw, timed out or returned an invalid output. */
    long failedInvocations;
    /** GetDurableExecutionState calls answered. */
    long stateCalls;
    /** Journal records written for the execution, and their bytes. */
    long journalWrites;
    long journalBytes;

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("CheckpointCalls", checkpointCalls);
        n.put("RejectedCheckpointCalls", rejectedCheckpointCalls);
        n.put("Updates", updates);
        n.put("OperationsStarted", operationsStarted);
        n.put("PayloadBytes", payloadBytes);
        n.put("CheckpointRequestBytes", checkpointRequestBytes);
        n.put("Invocations", invocations);
        n.put("FailedInvocations", failedInvocations);
        n.put("StateCalls", stateCalls);
        n.put("JournalWrites", journalWrites);
        n.put("JournalBytes", journalBytes);
        return n;
    }

    void restore(JsonNode n) {
        checkpointCalls = n.path("CheckpointCalls").asLong();
        rejectedCheckpointCalls = n.path("RejectedCheckpointCalls").asLong();
        updates = n.path("Updates").asLong();
        operationsStarted = n.path("OperationsStarted").asLong();
        payloadBytes = n.path("PayloadBytes").asLong();
        checkpointRequestBytes = n.path("CheckpointRequestBytes").asLong();
        invocations = n.path("Invocations").asLong();
        failedInvocations = n.path("FailedInvocations").asLong();
        stateCalls = n.path("StateCalls").asLong();
        journalWrites = n.path("JournalWrites").asLong();
        journalBytes = n.path("JournalBytes").asLong();
    }
}
