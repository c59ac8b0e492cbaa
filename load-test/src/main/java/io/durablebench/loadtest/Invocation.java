package io.durablebench.loadtest;

import java.time.Instant;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** One synchronous invoke as the driver saw it: when it was sent, how long until the answer, the answer. */
record Invocation(Instant started, double latencyMs, InvokeResponse response) {
}
