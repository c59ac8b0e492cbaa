package io.durablebench.durable.execution;

import java.time.Instant;

/**
 * A wait that only the service can end: for operation {@code operationId} (a wait timer, a retry
 * delay, a callback, a chained invoke), expected around {@code expectedAt} (null when unknown).
 */
record ServerWait(String operationId, Instant expectedAt) {
}
