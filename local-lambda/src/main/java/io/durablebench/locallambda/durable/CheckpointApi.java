package io.durablebench.locallambda.durable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.locallambda.durable.model.Operation;
import io.durablebench.locallambda.durable.model.OperationUpdate;
import io.durablebench.locallambda.error.LambdaApiException;
import io.durablebench.locallambda.json.Json;
import io.durablebench.locallambda.json.WireJson;
import java.time.Instant;
import java.util.List;

/**
 * The two APIs a running handler calls: CheckpointDurableExecution (validate and apply the
 * updates, write them to the journal, hand out the next single-use token with the operations that
 * changed since the handler last heard) and GetDurableExecutionState (page through the operations,
 * or through a paged checkpoint response, with the current token).
 */
final class CheckpointApi {
    private static final String TOKEN_ERROR = "Invalid Checkpoint Token: ";

    private final ExecutionRegistry registry;
    private final ExecutionCommitter committer;
    private final ServiceClock clock;
    private final DurableService.Options options;
    private final OperationPages pages;
    /** Test-only fault injection, off unless its system properties are set (see {@link CrashSwitch}). */
    private final CrashSwitch crashSwitch;

    CheckpointApi(ExecutionRegistry registry, ExecutionCommitter committer, ServiceClock clock,
                  DurableService.Options options, CrashSwitch crashSwitch) {
        this.registry = registry;
        this.committer = committer;
        this.clock = clock;
        this.options = options;
        this.pages = new OperationPages(options.pageBytes());
        this.crashSwitch = crashSwitch;
    }

    /**
     * CheckpointDurableExecution. Returns the response body. The updates are applied and written
     * to the journal before the new token is handed out.
     */
    byte[] checkpoint(String arn, String token, List<OperationUpdate> updates, String clientToken, int requestBytes) {
        DurableExecution exec = registry.find(arn);
        int crashCall = 0;
        if (crashSwitch.enabled() && crashSwitch.watches(exec.header, registry::headerOrNull)) {
            crashCall = crashSwitch.count();
            crashSwitch.maybeHalt(CrashSwitch.Point.BEFORE, crashCall, exec.header.executionName(), arn);
        }
        byte[] response;
        exec.lock.lock();
        try {
            DurableExecution.CachedCheckpoint cached = exec.lastCheckpoint;
            if (clientToken != null && cached != null && cached.clientToken().equals(clientToken)
                    && cached.inboundToken().equals(token)) {
                return cached.response();
            }
            DurableExecution.Invocation inv = exec.invocation;
            ExecutionTx tx;
            try {
                checkToken(exec, inv, token);
                inv.movedOn();
                tx = new ExecutionTx(exec);
                Instant now = clock.now();
                CheckpointProcessor.apply(tx, updates, now);
                ExecutionLimits.check(exec.metrics, tx.created, updates);
                OperationTimers.fireDue(tx, now);
            } catch (LambdaApiException e) {
                exec.metrics.rejectedCheckpointCalls++;
                throw e;
            }
            count(exec, tx, updates, requestBytes);
            if (!tx.isEmpty()) {
                committer.write(exec, tx);
            }
            response = respond(exec, inv);
            exec.lastCheckpoint = clientToken == null ? null
                    : new DurableExecution.CachedCheckpoint(clientToken, token, response);
            committer.effects(exec, tx);
        } finally {
            exec.lock.unlock();
        }
        if (crashCall > 0) {
            crashSwitch.maybeHalt(CrashSwitch.Point.AFTER, crashCall, exec.header.executionName(), arn);
        }
        return response;
    }

    private static void count(DurableExecution exec, ExecutionTx tx, List<OperationUpdate> updates, int requestBytes) {
        exec.metrics.checkpointCalls++;
        exec.metrics.updates += updates.size();
        exec.metrics.operationsStarted += tx.created;
        exec.metrics.checkpointRequestBytes += requestBytes;
        for (OperationUpdate u : updates) {
            exec.metrics.payloadBytes += WireJson.utf8Length(u.payload()) + WireJson.errorBytes(u.error());
        }
    }

    /** Rotates the token and answers the operations changed since the handler last heard, paged. */
    private byte[] respond(DurableExecution exec, DurableExecution.Invocation inv) {
        inv.token = Tokens.checkpointToken();
        inv.tokenSeq++;
        List<Operation> delta = exec.changedSince(inv.seenSeq);
        inv.seenSeq = exec.seq;
        OperationPages.Page page = pages.page(delta, 0, options.invocationStatePageItems(),
                WireJson.Timestamps.EPOCH_SECONDS);
        ObjectNode body = Json.object();
        body.put("CheckpointToken", inv.token);
        ObjectNode state = body.putObject("NewExecutionState");
        state.set("Operations", page.operations());
        if (page.more()) {
            inv.pagedDelta = delta.stream().map(Operation::id).toList();
            inv.pagedDeltaTokenSeq = inv.tokenSeq;
            state.put("NextMarker", Tokens.marker("d:" + inv.tokenSeq + ":" + page.nextIndex()));
        } else {
            inv.pagedDelta = null;
        }
        return Json.bytes(body);
    }

    static void checkToken(DurableExecution exec, DurableExecution.Invocation inv, String token) {
        if (token == null || token.isEmpty()) {
            throw LambdaApiException.invalidParameter(TOKEN_ERROR + "CheckpointToken is required");
        }
        if (exec.isClosed()) {
            throw LambdaApiException.invalidParameter(TOKEN_ERROR + "the execution is " + exec.header.status());
        }
        if (inv == null) {
            throw LambdaApiException.invalidParameter(TOKEN_ERROR + "no invocation of this execution is running");
        }
        if (!inv.token.equals(token)) {
            throw LambdaApiException.invalidParameter(
                    TOKEN_ERROR + "the token was already used or belongs to an earlier invocation");
        }
    }

    /** GetDurableExecutionState: a page of the operations, with the running invocation's current token. */
    ObjectNode state(String arn, String token, String marker, Integer maxItems) {
        DurableExecution exec = registry.find(arn);
        int max = ExecutionQueries.maxItems(maxItems);
        exec.lock.lock();
        try {
            DurableExecution.Invocation inv = exec.invocation;
            checkToken(exec, inv, token);
            exec.metrics.stateCalls++;
            List<Operation> source = exec.ops;
            int from = 0;
            String kind = "s";
            if (marker != null && !marker.isEmpty()) {
                String[] m = Tokens.unmarker(marker).split(":");
                try {
                    if (m[0].equals("s") && m.length == 2) {
                        from = Integer.parseInt(m[1]);
                    } else if (m[0].equals("d") && m.length == 3 && inv.pagedDelta != null
                            && Integer.parseInt(m[1]) == inv.pagedDeltaTokenSeq) {
                        kind = "d:" + m[1];
                        from = Integer.parseInt(m[2]);
                        source = inv.pagedDelta.stream().map(exec::op).toList();
                    } else {
                        throw LambdaApiException.invalidParameter("Marker is not valid for this token");
                    }
                } catch (NumberFormatException e) {
                    throw LambdaApiException.invalidParameter("Marker is not valid");
                }
                if (from < 0 || from > source.size()) {
                    throw LambdaApiException.invalidParameter("Marker is not valid");
                }
            }
            OperationPages.Page page = pages.page(source, from, max, WireJson.Timestamps.EPOCH_SECONDS);
            ObjectNode body = Json.object();
            body.set("Operations", page.operations());
            if (page.more()) {
                body.put("NextMarker", Tokens.marker(kind + ":" + page.nextIndex()));
            }
            return body;
        } finally {
            exec.lock.unlock();
        }
    }
}
