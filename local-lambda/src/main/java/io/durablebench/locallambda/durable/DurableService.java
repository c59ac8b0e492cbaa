package io.durablebench.locallambda.durable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.locallambda.error.ErrorType;
import io.durablebench.locallambda.error.LambdaApiException;
import io.durablebench.locallambda.durable.model.ErrorObject;
import io.durablebench.locallambda.durable.model.ExecutionStatus;
import io.durablebench.locallambda.durable.model.HistoryEvent;
import io.durablebench.locallambda.durable.model.Operation;
import io.durablebench.locallambda.durable.model.OperationStatus;
import io.durablebench.locallambda.durable.model.OperationType;
import io.durablebench.locallambda.durable.model.OperationUpdate;
import io.durablebench.locallambda.function.FunctionHost;
import io.durablebench.locallambda.function.FunctionTarget;
import io.durablebench.locallambda.function.InvocationOutcome;
import io.durablebench.locallambda.json.Json;
import io.durablebench.locallambda.json.WireJson;
import io.durablebench.locallambda.store.Journal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The durable execution service: creates executions, invokes their handlers, answers their
 * checkpoints, moves them on when timers, callbacks and chained invokes complete, and keeps them
 * in the {@link Journal}. Every change to an execution is written to the journal (and synced)
 * before anyone is told about it; after a crash {@link #recover()} rebuilds every execution from
 * the journal and resumes the work that was pending.
 *
 * <p>Concurrency: each execution has its own lock; no code holds two execution locks at once.
 * Handler invocations, timer callbacks and chained-invoke dispatches run on a worker pool.
 */
public final class DurableService implements AutoCloseable {
    private static final Pattern EXECUTION_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final String TOKEN_ERROR = "Invalid Checkpoint Token: ";

    /**
     * Tunables.
     *
     * @param maxInvocationAttempts     consecutive failed invocations (thrown, timed out) before the execution fails
     * @param maxInvalidPendingAttempts consecutive invalid PENDING outputs before the execution fails
     * @param invocationRetryDelay      back-off before re-invoking after a failed invocation
     * @param invocationStatePageItems  operations in the invocation event's first page
     * @param pageBytes                 byte budget of one page of operations
     */
    public record Options(int maxInvocationAttempts, int maxInvalidPendingAttempts, Duration invocationRetryDelay,
                          int invocationStatePageItems, int pageBytes) {
        public static Options defaults() {
            return new Options(5, 3, Duration.ofSeconds(5), 1000, 5 * 1024 * 1024);
        }
    }

    private final FunctionHost host;
    private final Journal journal;
    private final ServiceClock clock;
    private final Options options;
    private final String region;
    private final ConcurrentHashMap<String, DurableExecution> byArn = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, DurableExecution> byName = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timerThread;
    private final ExecutorService workers;
    private volatile boolean closing;
    /** Test-only fault injection, off unless its system properties are set (see {@link CrashSwitch}). */
    private final CrashSwitch crashSwitch = CrashSwitch.fromSystemProperties();

    public DurableService(FunctionHost host, Journal journal, ServiceClock clock, Options options) {
        this.host = host;
        this.journal = journal;
        this.clock = clock;
        this.options = options;
        this.region = host.region();
        this.timerThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "local-lambda-timers"));
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> daemon(r, "local-lambda-worker-" + n.incrementAndGet()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public ServiceClock clock() {
        return clock;
    }

    // =====================================================================================
    // Start
    // =====================================================================================

    /** What a start returned: the execution and whether this call created it. */
    public record Started(String arn, boolean created) {
    }

    /**
     * Starts a durable execution of {@code target}, or finds the one already started under
     * {@code executionName}: same input gives that execution (running or closed), a different
     * input DurableExecutionAlreadyStartedException.
     */
    public Started start(FunctionTarget target, String executionName, String input) {
        return start(target, executionName, input, null, null);
    }

    private Started start(FunctionTarget target, String executionName, String input, String parentArn,
                          String parentOperationId) {
        if (executionName != null && !EXECUTION_NAME.matcher(executionName).matches()) {
            throw LambdaApiException.invalidParameter(
                    "DurableExecutionName must be 1 to 64 characters of [a-zA-Z0-9-_], got '" + executionName + "'");
        }
        String name = executionName != null ? executionName : UUID.randomUUID().toString();
        String payload = input == null || input.isBlank() ? "{}" : input;
        String key = target.name() + "/" + name;
        while (true) {
            DurableExecution existing = byName.get(key);
            if (existing != null) {
                existing.lock.lock();
                try {
                    if (existing.abandoned) {
                        byName.remove(key, existing);
                        continue;
                    }
                    String storedInput = existing.executionOperation().inputPayload();
                    if (!payload.equals(storedInput)) {
                        throw new LambdaApiException(ErrorType.DurableExecutionAlreadyStartedException,
                                "A durable execution named " + name + " was already started for function "
                                        + target.name() + " with a different payload: " + existing.header.arn());
                    }
                    return new Started(existing.header.arn(), false);
                } finally {
                    existing.lock.unlock();
                }
            }
            String executionId = UUID.randomUUID().toString();
            String arn = target.versionArn() + "/durable-execution/" + name + "/" + executionId;
            Instant now = clock.now();
            long timeout = target.function().definition().durable().orElseThrow().executionTimeoutSeconds();
            ExecutionHeader header = new ExecutionHeader(arn, target.name(), target.version(), name, executionId, now,
                    null, ExecutionStatus.RUNNING, null, null, timeout, parentArn, parentOperationId, true, 0);
            DurableExecution exec = new DurableExecution(header);
            exec.lock.lock();
            try {
                if (byName.putIfAbsent(key, exec) != null) {
                    continue;
                }
                ExecutionTx tx = new ExecutionTx(exec);
                Operation execOp = Operation.builder(executionId, OperationType.EXECUTION).name(name)
                        .status(OperationStatus.STARTED).startTimestamp(now).inputPayload(payload).build();
                tx.put(execOp);
                tx.event("ExecutionStarted", execOp, now, History.executionStarted(payload, timeout));
                try {
                    persist(exec, tx);
                } catch (RuntimeException e) {
                    exec.abandoned = true;
                    byName.remove(key, exec);
                    throw new LambdaApiException(ErrorType.ServiceException, "could not store the execution: " + e);
                }
                exec.persisted = true;
                byArn.put(arn, exec);
                armExecutionTimeout(exec);
            } finally {
                exec.lock.unlock();
            }
            requestInvocation(exec);
            return new Started(arn, true);
        }
    }

    private void armExecutionTimeout(DurableExecution exec) {
        ExecutionHeader h = exec.header;
        Instant due = h.startTimestamp().plusSeconds(h.executionTimeoutSeconds());
        schedule(exec, "timeout", due, false, () -> outside(exec, tx -> {
            Transitions.close(tx, ExecutionStatus.TIMED_OUT, null, ErrorObject.of(null,
                    "Execution timed out after " + h.executionTimeoutSeconds() + " seconds."), clock.now());
            return true;
        }));
    }

    // =====================================================================================
    // Invocations
    // =====================================================================================

    /** Starts an invocation unless one is in flight (that one will see the change, or be followed by another). */
    private void requestInvocation(DurableExecution exec) {
        FunctionTarget target;
        DurableExecution.Invocation inv;
        byte[] payload;
        exec.lock.lock();
        try {
            if (closing || exec.isClosed() || exec.invocation != null || !exec.persisted) {
                return;
            }
            exec.cancelTimer("reinvoke");
            try {
                target = host.resolve(exec.header.functionName(), exec.header.version());
            } catch (LambdaApiException e) {
                ExecutionTx tx = new ExecutionTx(exec);
                Transitions.close(tx, ExecutionStatus.FAILED, null, ErrorObject.of(e.type().name(), e.getMessage()),
                        clock.now());
                persist(exec, tx);
                afterCommit(exec, tx);
                return;
            }
            inv = new DurableExecution.Invocation(UUID.randomUUID().toString(), clock.now(), Tokens.checkpointToken(),
                    exec.seq);
            exec.invocation = inv;
            exec.metrics.invocations++;
            payload = invocationEvent(exec, inv);
        } finally {
            exec.lock.unlock();
        }
        workers.submit(() -> {
            InvocationOutcome outcome = host.invoke(target, payload, inv.requestId);
            finishInvocation(exec, inv, outcome);
        });
    }

    private byte[] invocationEvent(DurableExecution exec, DurableExecution.Invocation inv) {
        ObjectNode event = Json.object();
        event.put("DurableExecutionArn", exec.header.arn());
        event.put("CheckpointToken", inv.token);
        ObjectNode state = event.putObject("InitialExecutionState");
        Page page = page(exec.ops, 0, options.invocationStatePageItems(), WireJson.Timestamps.EPOCH_MILLIS);
        state.set("Operations", page.operations);
        state.set("NextMarker", page.nextIndex < 0 ? Json.NODES.nullNode()
                : Json.NODES.textNode(Tokens.marker("s:" + page.nextIndex)));
        return Json.bytes(event);
    }

    private void finishInvocation(DurableExecution exec, DurableExecution.Invocation inv, InvocationOutcome outcome) {
        Duration retryAfter = null;
        boolean invokeNow = false;
        exec.lock.lock();
        try {
            if (exec.invocation != inv || closing) {
                return;
            }
            exec.invocation = null;
            Instant now = clock.now();
            ExecutionTx tx = new ExecutionTx(exec);
            if (exec.isClosed()) {
                // A stop, timeout or EXECUTION checkpoint closed the execution meanwhile; the output no longer matters.
                tx.event("InvocationCompleted", null, now,
                        History.invocationCompleted(inv.start, now, inv.requestId, outcome.error()));
                persist(exec, tx);
                return;
            }
            if (!outcome.succeeded()) {
                exec.metrics.failedInvocations++;
                tx.event("InvocationCompleted", null, now,
                        History.invocationCompleted(inv.start, now, inv.requestId, outcome.error()));
                int failures = tx.header.consecutiveFailures() + 1;
                if (failures >= options.maxInvocationAttempts()) {
                    Transitions.close(tx, ExecutionStatus.FAILED, null, outcome.error(), now);
                } else {
                    tx.header = tx.header.withConsecutiveFailures(failures).withAwaitingInvocation(true);
                    retryAfter = options.invocationRetryDelay();
                }
            } else {
                HandlerOutput output = HandlerOutput.parse(outcome.output());
                if (output.invalid() != null) {
                    exec.metrics.failedInvocations++;
                    tx.event("InvocationCompleted", null, now,
                            History.invocationCompleted(inv.start, now, inv.requestId, null));
                    Transitions.close(tx, ExecutionStatus.FAILED, null,
                            ErrorObject.of("InvalidParameterValueException", output.invalid()), now);
                } else {
                    switch (output.status()) {
                        case "SUCCEEDED" -> {
                            tx.event("InvocationCompleted", null, now,
                                    History.invocationCompleted(inv.start, now, inv.requestId, null));
                            Transitions.close(tx, ExecutionStatus.SUCCEEDED, output.result(), null, now);
                        }
                        case "FAILED" -> {
                            tx.event("InvocationCompleted", null, now,
                                    History.invocationCompleted(inv.start, now, inv.requestId, null));
                            Transitions.close(tx, ExecutionStatus.FAILED, null, output.error(), now);
                        }
                        default -> {
                            boolean unseen = exec.hasChangesSince(inv.seenSeq);
                            if (!unseen && !exec.hasPendingOperations()) {
                                exec.metrics.failedInvocations++;
                                ErrorObject error = ErrorObject.of("InvalidParameterValueException",
                                        "Cannot return PENDING status with no pending operations.");
                                tx.event("InvocationCompleted", null, now,
                                        History.invocationCompleted(inv.start, now, inv.requestId, error));
                                int failures = tx.header.consecutiveFailures() + 1;
                                if (failures >= options.maxInvalidPendingAttempts()) {
                                    Transitions.close(tx, ExecutionStatus.FAILED, null, error, now);
                                } else {
                                    tx.header = tx.header.withConsecutiveFailures(failures).withAwaitingInvocation(true);
                                    retryAfter = options.invocationRetryDelay();
                                }
                            } else {
                                tx.event("InvocationCompleted", null, now,
                                        History.invocationCompleted(inv.start, now, inv.requestId, null));
                                tx.header = tx.header.withConsecutiveFailures(0).withAwaitingInvocation(unseen);
                                invokeNow = unseen;
                            }
                        }
                    }
                }
            }
            persist(exec, tx);
            afterCommit(exec, tx);
            if (retryAfter != null) {
                schedule(exec, "reinvoke", now.plus(retryAfter), true, () -> requestInvocation(exec));
            }
        } finally {
            exec.lock.unlock();
        }
        if (invokeNow) {
            requestInvocation(exec);
        }
    }

    /** The handler's output document {@code {"Status","Result","Error"}}, or why it is invalid. */
    record HandlerOutput(String status, String result, ErrorObject error, String invalid) {
        static HandlerOutput parse(byte[] bytes) {
            JsonNode n;
            try {
                n = Json.parse(bytes);
            } catch (IOException e) {
                return invalidOutput("The handler's output is not JSON: " + e.getMessage());
            }
            if (n == null || !n.isObject()) {
                return invalidOutput("The handler's output is not a JSON object with a Status.");
            }
            JsonNode status = n.get("Status");
            if (status == null || !status.isTextual()) {
                return invalidOutput("Response status is required");
            }
            JsonNode result = n.get("Result");
            if (result != null && !result.isNull() && !result.isTextual()) {
                return invalidOutput("Result must be a string");
            }
            ErrorObject error;
            try {
                error = WireJson.readError(n.get("Error"), "Error");
            } catch (LambdaApiException e) {
                return invalidOutput(e.getMessage());
            }
            String resultText = result == null || result.isNull() ? null : result.asText();
            return switch (status.asText()) {
                case "SUCCEEDED" -> error != null ? invalidOutput("Cannot provide an Error for SUCCEEDED status.")
                        : new HandlerOutput("SUCCEEDED", resultText, null, null);
                case "FAILED" -> resultText != null ? invalidOutput("Cannot provide a Result for FAILED status.")
                        : new HandlerOutput("FAILED", null, error, null);
                case "PENDING" -> new HandlerOutput("PENDING", null, null, null);
                default -> invalidOutput("Unexpected invocation status: " + status.asText());
            };
        }

        private static HandlerOutput invalidOutput(String why) {
            return new HandlerOutput(null, null, null, why);
        }
    }

    // =====================================================================================
    // Checkpoint and state
    // =====================================================================================

    /**
     * CheckpointDurableExecution. Returns the response body. The updates are applied and written
     * to the journal before the new token is handed out.
     */
    public byte[] checkpoint(String arn, String token, List<OperationUpdate> updates, String clientToken,
                             int requestBytes) {
        DurableExecution exec = find(arn);
        int crashCall = 0;
        if (crashSwitch.enabled() && crashSwitch.watches(exec.header, a -> {
            DurableExecution e = byArn.get(a);
            return e == null ? null : e.header;
        })) {
            crashCall = crashSwitch.count();
            crashSwitch.maybeHalt(CrashSwitch.Point.BEFORE, crashCall, exec.header.executionName(), arn);
        }
        byte[] response;
        ExecutionTx tx;
        exec.lock.lock();
        try {
            DurableExecution.CachedCheckpoint cached = exec.lastCheckpoint;
            if (clientToken != null && cached != null && cached.clientToken().equals(clientToken)
                    && cached.inboundToken().equals(token)) {
                return cached.response();
            }
            DurableExecution.Invocation inv = exec.invocation;
            try {
                checkToken(exec, inv, token);
                tx = new ExecutionTx(exec);
                Instant now = clock.now();
                CheckpointProcessor.apply(tx, updates, now);
                fireDue(tx, now);
            } catch (LambdaApiException e) {
                exec.metrics.rejectedCheckpointCalls++;
                throw e;
            }
            exec.metrics.checkpointCalls++;
            exec.metrics.updates += updates.size();
            exec.metrics.operationsStarted += tx.created;
            exec.metrics.checkpointRequestBytes += requestBytes;
            for (OperationUpdate u : updates) {
                exec.metrics.payloadBytes += WireJson.utf8Length(u.payload()) + WireJson.errorBytes(u.error());
            }
            if (!tx.isEmpty()) {
                persist(exec, tx);
            }
            inv.token = Tokens.checkpointToken();
            inv.tokenSeq++;
            List<Operation> delta = exec.changedSince(inv.seenSeq);
            inv.seenSeq = exec.seq;
            Page page = page(delta, 0, options.invocationStatePageItems(), WireJson.Timestamps.EPOCH_SECONDS);
            ObjectNode body = Json.object();
            body.put("CheckpointToken", inv.token);
            ObjectNode state = body.putObject("NewExecutionState");
            state.set("Operations", page.operations);
            if (page.nextIndex >= 0) {
                inv.pagedDelta = delta.stream().map(Operation::id).toList();
                inv.pagedDeltaTokenSeq = inv.tokenSeq;
                state.put("NextMarker", Tokens.marker("d:" + inv.tokenSeq + ":" + page.nextIndex));
            } else {
                inv.pagedDelta = null;
            }
            response = Json.bytes(body);
            exec.lastCheckpoint = clientToken == null ? null
                    : new DurableExecution.CachedCheckpoint(clientToken, token, response);
            afterCommit(exec, tx);
        } finally {
            exec.lock.unlock();
        }
        if (crashCall > 0) {
            crashSwitch.maybeHalt(CrashSwitch.Point.AFTER, crashCall, exec.header.executionName(), arn);
        }
        return response;
    }

    private static void checkToken(DurableExecution exec, DurableExecution.Invocation inv, String token) {
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

    /** Completes the waits and retry delays that are due, inside the caller's transaction. */
    private void fireDue(ExecutionTx tx, Instant now) {
        for (String id : List.copyOf(tx.exec.timedOps)) {
            Operation op = tx.op(id);
            if (op.type() == OperationType.WAIT && op.status() == OperationStatus.STARTED
                    && !op.scheduledEndTimestamp().isAfter(now)) {
                Transitions.completeWait(tx, id, now);
            } else if (op.type() == OperationType.STEP && op.status() == OperationStatus.PENDING
                    && !op.nextAttemptTimestamp().isAfter(now)) {
                Transitions.makeReady(tx, id);
            }
        }
    }

    /** GetDurableExecutionState: a page of the operations, with the running invocation's current token. */
    public ObjectNode state(String arn, String token, String marker, Integer maxItems) {
        DurableExecution exec = find(arn);
        int max = maxItems == null ? 100 : maxItems;
        if (max < 1 || max > 1000) {
            throw LambdaApiException.invalidParameter("MaxItems must be between 1 and 1000, got " + max);
        }
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
            Page page = page(source, from, max, WireJson.Timestamps.EPOCH_SECONDS);
            ObjectNode body = Json.object();
            body.set("Operations", page.operations);
            if (page.nextIndex >= 0) {
                body.put("NextMarker", Tokens.marker(kind + ":" + page.nextIndex));
            }
            return body;
        } finally {
            exec.lock.unlock();
        }
    }

    private record Page(ArrayNode operations, int nextIndex) {
    }

    /** At most {@code maxItems} operations from {@code from}, within the byte budget (at least one). */
    private Page page(List<Operation> ops, int from, int maxItems, WireJson.Timestamps ts) {
        ArrayNode out = Json.NODES.arrayNode();
        long bytes = 0;
        int i = from;
        for (; i < ops.size(); i++) {
            if (out.size() >= maxItems) {
                break;
            }
            ObjectNode n = WireJson.operation(ops.get(i), ts);
            int size = Json.bytes(n).length;
            if (out.size() > 0 && bytes + size > options.pageBytes()) {
                break;
            }
            out.add(n);
            bytes += size;
        }
        return new Page(out, i < ops.size() ? i : -1);
    }

    // =====================================================================================
    // Outside events: timers, callbacks, chained invokes, stop
    // =====================================================================================

    /** A change to the execution not asked by its handler; wakes the execution up. */
    private void outside(DurableExecution exec, Predicate<ExecutionTx> change) {
        boolean invoke;
        exec.lock.lock();
        try {
            if (closing || exec.isClosed()) {
                return;
            }
            ExecutionTx tx = new ExecutionTx(exec);
            if (!change.test(tx)) {
                return;
            }
            if (!tx.closing) {
                tx.header = tx.header.withAwaitingInvocation(true);
            }
            persist(exec, tx);
            afterCommit(exec, tx);
            invoke = !tx.closing && exec.invocation == null;
        } finally {
            exec.lock.unlock();
        }
        if (invoke) {
            requestInvocation(exec);
        }
    }

    /** Arms the timers and dispatches the work that the committed changes call for. */
    private void afterCommit(DurableExecution exec, ExecutionTx tx) {
        if (tx.closing) {
            finishClosed(exec);
            return;
        }
        for (Operation op : tx.changed.values()) {
            String id = op.id();
            switch (op.type()) {
                case WAIT -> {
                    if (op.status() == OperationStatus.STARTED) {
                        armWait(exec, op);
                    } else {
                        exec.cancelTimer("wait:" + id);
                    }
                }
                case STEP -> {
                    if (op.status() == OperationStatus.PENDING) {
                        armRetry(exec, op);
                    } else {
                        exec.cancelTimer("retry:" + id);
                    }
                }
                case CALLBACK -> {
                    if (op.status() == OperationStatus.STARTED) {
                        armCallbackTimeouts(exec, op, true);
                    } else {
                        exec.cancelTimer("cbt:" + id);
                        exec.cancelTimer("cbh:" + id);
                    }
                }
                case CHAINED_INVOKE -> {
                    if (op.status() == OperationStatus.STARTED && op.extras().childExecutionArn() == null
                            && !tx.invisible.contains(id)) {
                        dispatchChainedInvoke(exec, op);
                    }
                }
                default -> {
                }
            }
        }
    }

    private void armWait(DurableExecution exec, Operation op) {
        String key = "wait:" + op.id();
        if (!exec.timers.containsKey(key)) {
            schedule(exec, key, op.scheduledEndTimestamp(), true,
                    () -> outside(exec, tx -> Transitions.completeWait(tx, op.id(), clock.now())));
        }
    }

    private void armRetry(DurableExecution exec, Operation op) {
        schedule(exec, "retry:" + op.id(), op.nextAttemptTimestamp(), true,
                () -> outside(exec, tx -> Transitions.makeReady(tx, op.id())));
    }

    private void armCallbackTimeouts(DurableExecution exec, Operation op, boolean armTimeout) {
        Operation.Extras x = op.extras();
        if (armTimeout && x.callbackTimeoutSeconds() != null && x.callbackTimeoutSeconds() > 0
                && !exec.timers.containsKey("cbt:" + op.id())) {
            schedule(exec, "cbt:" + op.id(), op.startTimestamp().plusSeconds(x.callbackTimeoutSeconds()), false,
                    () -> outside(exec, tx -> Transitions.completeCallback(tx, op.id(), OperationStatus.TIMED_OUT, null,
                            ErrorObject.of("Callback.Timeout", "Callback timed out"), clock.now())));
        }
        if (x.callbackHeartbeatTimeoutSeconds() != null && x.callbackHeartbeatTimeoutSeconds() > 0) {
            schedule(exec, "cbh:" + op.id(), clock.now().plusSeconds(x.callbackHeartbeatTimeoutSeconds()), false,
                    () -> outside(exec, tx -> Transitions.completeCallback(tx, op.id(), OperationStatus.TIMED_OUT, null,
                            ErrorObject.of("Callback.Heartbeat", "Callback timed out on heartbeat"), clock.now())));
        }
    }

    /** Schedules {@code task} at {@code due} under {@code key}, replacing a timer with that key. */
    private void schedule(DurableExecution exec, String key, Instant due, boolean skippable, Runnable task) {
        exec.cancelTimer(key);
        long delay = clock.arm(due, skippable);
        Runnable guarded = () -> {
            exec.lock.lock();
            try {
                exec.timers.remove(key);
            } finally {
                exec.lock.unlock();
            }
            task.run();
        };
        exec.timers.put(key, timerThread.schedule(() -> workers.submit(guarded), delay, TimeUnit.MILLISECONDS));
    }

    private void finishClosed(DurableExecution exec) {
        exec.cancelAllTimers();
        exec.closed.complete(null);
        ExecutionHeader h = exec.header;
        if (h.parentArn() != null) {
            workers.submit(() -> completeParentInvoke(h));
        }
    }

    /** A child execution started by a chained invoke closed: end the parent's CHAINED_INVOKE. */
    private void completeParentInvoke(ExecutionHeader child) {
        DurableExecution parent = byArn.get(child.parentArn());
        if (parent == null) {
            return;
        }
        OperationStatus status = switch (child.status()) {
            case SUCCEEDED -> OperationStatus.SUCCEEDED;
            case FAILED -> OperationStatus.FAILED;
            case TIMED_OUT -> OperationStatus.TIMED_OUT;
            case STOPPED -> OperationStatus.STOPPED;
            case RUNNING -> throw new IllegalStateException("child still running");
        };
        outside(parent, tx -> Transitions.completeChainedInvoke(tx, child.parentOperationId(), status,
                child.result(), child.error(), clock.now()));
    }

    private void dispatchChainedInvoke(DurableExecution parent, Operation op) {
        String parentArn = parent.header.arn();
        Operation.Extras x = op.extras();
        workers.submit(() -> {
            FunctionTarget target;
            try {
                target = host.resolve(x.invokeFunctionName(), null);
                if (target.function().durable() && !target.qualified()) {
                    throw LambdaApiException.invalidParameter(
                            "You cannot invoke a durable function using an unqualified ARN.");
                }
            } catch (LambdaApiException e) {
                outside(parent, tx -> Transitions.completeChainedInvoke(tx, op.id(), OperationStatus.FAILED, null,
                        ErrorObject.of(e.type().name(), e.getMessage()), clock.now()));
                return;
            }
            String input = x.invokeInput() == null ? "{}" : x.invokeInput();
            if (target.function().durable()) {
                Started child;
                try {
                    child = start(target, childName(parentArn, op.id()), input, parentArn, op.id());
                } catch (LambdaApiException e) {
                    outside(parent, tx -> Transitions.completeChainedInvoke(tx, op.id(), OperationStatus.FAILED, null,
                            ErrorObject.of(e.type().name(), e.getMessage()), clock.now()));
                    return;
                }
                recordChild(parent, op.id(), child.arn());
                DurableExecution childExec = byArn.get(child.arn());
                if (childExec != null) {
                    ExecutionHeader h;
                    childExec.lock.lock();
                    try {
                        h = childExec.header;
                    } finally {
                        childExec.lock.unlock();
                    }
                    if (h.status().isClosed()) {
                        completeParentInvoke(h);
                    }
                }
            } else {
                InvocationOutcome outcome = host.invoke(target, input.getBytes(StandardCharsets.UTF_8),
                        UUID.randomUUID().toString());
                OperationStatus status = outcome.succeeded() ? OperationStatus.SUCCEEDED
                        : outcome.timedOut() ? OperationStatus.TIMED_OUT : OperationStatus.FAILED;
                String result = outcome.succeeded() ? new String(outcome.output(), StandardCharsets.UTF_8) : null;
                outside(parent, tx -> Transitions.completeChainedInvoke(tx, op.id(), status, result, outcome.error(),
                        clock.now()));
            }
        });
    }

    /** Notes which child execution runs a chained invoke; invisible to the handler. */
    private void recordChild(DurableExecution parent, String opId, String childArn) {
        parent.lock.lock();
        try {
            Operation op = parent.op(opId);
            if (op == null || childArn.equals(op.extras().childExecutionArn())) {
                return;
            }
            ExecutionTx tx = new ExecutionTx(parent);
            tx.put(op.toBuilder().extras(op.extras().withChildExecutionArn(childArn)).build());
            tx.invisible.add(opId);
            persist(parent, tx);
        } finally {
            parent.lock.unlock();
        }
    }

    /** The child execution's name: derived from the parent operation, so a re-dispatch finds the same child. */
    private static String childName(String parentArn, String opId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((parentArn + "\n" + opId).getBytes(StandardCharsets.UTF_8));
            return "chained-" + HexFormat.of().formatHex(digest, 0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** StopDurableExecution; a closed execution is left as it is (the call returns its end time). */
    public Instant stop(String arn, ErrorObject error) {
        DurableExecution exec = find(arn);
        boolean given = error != null && (error.errorType() != null || error.errorMessage() != null
                || error.errorData() != null || error.stackTrace() != null);
        ErrorObject stopError = given ? error : ErrorObject.of(null, "Execution stopped by user request");
        exec.lock.lock();
        try {
            if (exec.isClosed()) {
                return exec.header.endTimestamp();
            }
            ExecutionTx tx = new ExecutionTx(exec);
            Instant now = clock.now();
            Transitions.close(tx, ExecutionStatus.STOPPED, null, stopError, now);
            persist(exec, tx);
            afterCommit(exec, tx);
            return now;
        } finally {
            exec.lock.unlock();
        }
    }

    public void callbackSuccess(String callbackId, byte[] result) {
        if (result != null && result.length > WireJson.MAX_PAYLOAD_BYTES) {
            throw LambdaApiException.invalidParameter("Result must be at most " + WireJson.MAX_PAYLOAD_BYTES
                    + " bytes, got " + result.length);
        }
        String text = result == null || result.length == 0 ? null : new String(result, StandardCharsets.UTF_8);
        completeCallback(callbackId, OperationStatus.SUCCEEDED, text, null);
    }

    public void callbackFailure(String callbackId, ErrorObject error) {
        completeCallback(callbackId, OperationStatus.FAILED, null,
                error != null ? error : new ErrorObject(null, null, null, null));
    }

    private void completeCallback(String callbackId, OperationStatus status, String result, ErrorObject error) {
        String[] ref = Tokens.parseCallbackId(callbackId);
        DurableExecution exec = callbackExecution(ref);
        boolean invoke;
        exec.lock.lock();
        try {
            Operation op = activeCallback(exec, ref[1]);
            ExecutionTx tx = new ExecutionTx(exec);
            Transitions.completeCallback(tx, op.id(), status, result, error, clock.now());
            tx.header = tx.header.withAwaitingInvocation(true);
            persist(exec, tx);
            afterCommit(exec, tx);
            invoke = exec.invocation == null;
        } finally {
            exec.lock.unlock();
        }
        if (invoke) {
            requestInvocation(exec);
        }
    }

    public void callbackHeartbeat(String callbackId) {
        String[] ref = Tokens.parseCallbackId(callbackId);
        DurableExecution exec = callbackExecution(ref);
        exec.lock.lock();
        try {
            Operation op = activeCallback(exec, ref[1]);
            armCallbackTimeouts(exec, op, false);
        } finally {
            exec.lock.unlock();
        }
    }

    private DurableExecution callbackExecution(String[] ref) {
        DurableExecution exec = byArn.get(ref[0]);
        if (exec == null) {
            throw LambdaApiException.notFound("No durable execution has callback " + ref[1] + " (execution " + ref[0]
                    + " not found)");
        }
        return exec;
    }

    private static Operation activeCallback(DurableExecution exec, String opId) {
        Operation op = exec.op(opId);
        if (op == null || op.type() != OperationType.CALLBACK) {
            throw LambdaApiException.notFound("Callback operation " + opId + " not found in " + exec.header.arn());
        }
        if (exec.isClosed() || op.status() != OperationStatus.STARTED) {
            throw new LambdaApiException(ErrorType.CallbackTimeoutException,
                    "The callback ID token has either expired or the callback associated with the token has already"
                            + " been closed (callback " + op.status() + ", execution " + exec.header.status() + ").");
        }
        return op;
    }

    // =====================================================================================
    // Reads
    // =====================================================================================

    private DurableExecution find(String arn) {
        if (arn == null || arn.isEmpty()) {
            throw LambdaApiException.invalidParameter("DurableExecutionArn is required");
        }
        if (!arn.startsWith("arn:") || !arn.contains("/durable-execution/")) {
            throw LambdaApiException.invalidParameter("DurableExecutionArn " + arn + " is not a durable execution ARN");
        }
        DurableExecution exec = byArn.get(arn);
        if (exec == null) {
            throw LambdaApiException.notFound("Durable execution not found: " + arn);
        }
        return exec;
    }

    /** A consistent copy of an execution's header. */
    public ExecutionHeader header(String arn) {
        DurableExecution exec = find(arn);
        exec.lock.lock();
        try {
            return exec.header;
        } finally {
            exec.lock.unlock();
        }
    }

    /** Waits until the execution is closed, at most {@code limit}; returns its header either way. */
    public ExecutionHeader awaitClosed(String arn, Duration limit) throws InterruptedException {
        DurableExecution exec = find(arn);
        try {
            exec.closed.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // the caller reports the execution still running
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return header(arn);
    }

    /** GetDurableExecution. */
    public ObjectNode describe(String arn) {
        DurableExecution exec = find(arn);
        exec.lock.lock();
        try {
            ExecutionHeader h = exec.header;
            ObjectNode n = Json.object();
            n.put("DurableExecutionArn", h.arn());
            n.put("DurableExecutionName", h.executionName());
            n.put("FunctionArn", h.functionArn());
            WireJson.putIfPresent(n, "InputPayload", exec.executionOperation().inputPayload());
            WireJson.putIfPresent(n, "Result", h.result());
            WireJson.putError(n, "Error", h.error());
            n.set("StartTimestamp", Json.epochSeconds(h.startTimestamp()));
            n.put("Status", h.status().name());
            if (h.endTimestamp() != null) {
                n.set("EndTimestamp", Json.epochSeconds(h.endTimestamp()));
            }
            n.put("Version", h.version());
            return n;
        } finally {
            exec.lock.unlock();
        }
    }

    /** GetDurableExecutionHistory. The marker is the position of the next event in the chosen order. */
    public ObjectNode history(String arn, boolean includeData, Integer maxItems, String marker, boolean reverse) {
        DurableExecution exec = find(arn);
        int max = maxItems == null ? 100 : maxItems;
        if (max < 1 || max > 1000) {
            throw LambdaApiException.invalidParameter("MaxItems must be between 1 and 1000, got " + max);
        }
        int from = 0;
        if (marker != null && !marker.isEmpty()) {
            String m = Tokens.unmarker(marker);
            try {
                from = Integer.parseInt(m.substring(m.indexOf(':') + 1));
            } catch (RuntimeException e) {
                throw LambdaApiException.invalidParameter("Marker is not valid");
            }
        }
        exec.lock.lock();
        try {
            List<HistoryEvent> events = new ArrayList<>(exec.events);
            if (reverse) {
                java.util.Collections.reverse(events);
            }
            if (from < 0 || from > events.size()) {
                throw LambdaApiException.invalidParameter("Marker is not valid");
            }
            Map<String, String> children = new LinkedHashMap<>();
            for (Operation op : exec.ops) {
                if (op.extras().childExecutionArn() != null) {
                    children.put(op.id(), op.extras().childExecutionArn());
                }
            }
            ObjectNode body = Json.object();
            ArrayNode out = body.putArray("Events");
            int end = Math.min(events.size(), from + max);
            for (int i = from; i < end; i++) {
                out.add(History.render(events.get(i), includeData, children));
            }
            if (end < events.size()) {
                body.put("NextMarker", Tokens.marker("h:" + end));
            }
            return body;
        } finally {
            exec.lock.unlock();
        }
    }

    /** ListDurableExecutionsByFunction. */
    public ObjectNode list(String functionName, String qualifier, String executionName, Set<ExecutionStatus> statuses,
                           Instant startedAfter, Instant startedBefore, boolean reverse, String marker,
                           Integer maxItems) {
        FunctionTarget target = host.resolve(functionName, qualifier);
        int max = maxItems == null ? 100 : maxItems;
        if (max < 1 || max > 1000) {
            throw LambdaApiException.invalidParameter("MaxItems must be between 1 and 1000, got " + max);
        }
        List<ExecutionHeader> matches = new ArrayList<>();
        for (DurableExecution exec : byArn.values()) {
            ExecutionHeader h;
            exec.lock.lock();
            try {
                h = exec.header;
            } finally {
                exec.lock.unlock();
            }
            if (!h.functionName().equals(target.name())
                    || (target.qualified() && !h.version().equals(target.version()))
                    || (executionName != null && !h.executionName().equals(executionName))
                    || (statuses != null && !statuses.isEmpty() && !statuses.contains(h.status()))
                    || (startedAfter != null && !h.startTimestamp().isAfter(startedAfter))
                    || (startedBefore != null && !h.startTimestamp().isBefore(startedBefore))) {
                continue;
            }
            matches.add(h);
        }
        Comparator<ExecutionHeader> order = Comparator.comparing(ExecutionHeader::startTimestamp)
                .thenComparing(ExecutionHeader::arn);
        matches.sort(reverse ? order.reversed() : order);
        int from = 0;
        if (marker != null && !marker.isEmpty()) {
            String key = Tokens.unmarker(marker);
            from = matches.size();
            for (int i = 0; i < matches.size(); i++) {
                if (listKey(matches.get(i)).equals(key)) {
                    from = i;
                    break;
                }
            }
        }
        ObjectNode body = Json.object();
        ArrayNode out = body.putArray("DurableExecutions");
        int end = Math.min(matches.size(), from + max);
        for (int i = from; i < end; i++) {
            ExecutionHeader h = matches.get(i);
            ObjectNode e = out.addObject();
            e.put("DurableExecutionArn", h.arn());
            e.put("DurableExecutionName", h.executionName());
            e.put("FunctionArn", h.functionArn());
            e.put("Status", h.status().name());
            e.set("StartTimestamp", Json.epochSeconds(h.startTimestamp()));
            if (h.endTimestamp() != null) {
                e.set("EndTimestamp", Json.epochSeconds(h.endTimestamp()));
            }
        }
        if (end < matches.size()) {
            body.put("NextMarker", Tokens.marker(listKey(matches.get(end))));
        }
        return body;
    }

    private static String listKey(ExecutionHeader h) {
        return h.startTimestamp().toEpochMilli() + "|" + h.arn();
    }

    /** The local metrics endpoint's document for one execution. */
    public ObjectNode metrics(String arn) {
        DurableExecution exec = find(arn);
        exec.lock.lock();
        try {
            ObjectNode n = Json.object();
            ExecutionHeader h = exec.header;
            n.put("DurableExecutionArn", h.arn());
            n.put("Status", h.status().name());
            n.set("StartTimestamp", Json.epochSeconds(h.startTimestamp()));
            if (h.endTimestamp() != null) {
                n.set("EndTimestamp", Json.epochSeconds(h.endTimestamp()));
            }
            n.put("Operations", exec.ops.size());
            n.put("HistoryEvents", exec.events.size());
            n.setAll(exec.metrics.toJson());
            return n;
        } finally {
            exec.lock.unlock();
        }
    }

    public int executionCount() {
        return byArn.size();
    }

    // =====================================================================================
    // Persistence and recovery
    // =====================================================================================

    /** Writes the transaction to the journal (durably), then applies it. The caller holds the lock. */
    private void persist(DurableExecution exec, ExecutionTx tx) {
        // JournalWrites counts the record being written; JournalBytes is added after encoding (recovery
        // adds each change record's length back, see recover()).
        exec.metrics.journalWrites++;
        byte[] record = ExecutionCodec.encode(tx.header, exec.metrics, tx.changed.values(), tx.newEvents);
        exec.metrics.journalBytes += record.length;
        try {
            journal.append(record);
        } catch (RuntimeException e) {
            exec.metrics.journalWrites--;
            exec.metrics.journalBytes -= record.length;
            throw new LambdaApiException(ErrorType.ServiceException, "the service could not store the change: " + e);
        }
        exec.commit(tx);
    }

    /**
     * Rebuilds every execution from the journal, compacts the journal to one record per execution,
     * and resumes what was pending: due and future timers, chained invokes, and an invocation for
     * every running execution that was not suspended (including those whose invocation the crash
     * cut short). Call once, before serving requests.
     */
    public void recover() {
        for (byte[] bytes : journal.recovered()) {
            ExecutionCodec.Record r = ExecutionCodec.decode(bytes);
            DurableExecution exec = byArn.computeIfAbsent(r.header().arn(), a -> new DurableExecution(r.header()));
            exec.header = r.header();
            r.ops().forEach(exec::restore);
            for (HistoryEvent e : r.events()) {
                if (e.eventId() == exec.events.size() + 1) {
                    exec.events.add(e);
                }
            }
            exec.metrics.restore(r.metrics());
            if (!r.compacted()) {
                // A change record's metrics were taken before its own bytes were counted.
                exec.metrics.journalBytes += bytes.length;
            }
        }
        List<byte[]> compacted = new ArrayList<>();
        for (DurableExecution exec : byArn.values()) {
            exec.persisted = true;
            byName.put(exec.header.functionName() + "/" + exec.header.executionName(), exec);
            compacted.add(ExecutionCodec.encode(exec.header, exec.metrics, exec.ops, exec.events, true));
        }
        if (!journal.recovered().isEmpty()) {
            journal.rewrite(compacted);
        }
        for (DurableExecution exec : byArn.values()) {
            if (exec.isClosed()) {
                exec.closed.complete(null);
            }
        }
        for (DurableExecution exec : byArn.values()) {
            if (!exec.isClosed()) {
                resume(exec);
            } else if (exec.header.parentArn() != null) {
                // The crash may have come between the child's end and the parent's record of it.
                completeParentInvoke(exec.header);
            }
        }
    }

    private void resume(DurableExecution exec) {
        boolean invoke;
        exec.lock.lock();
        try {
            armExecutionTimeout(exec);
            for (Operation op : exec.ops) {
                switch (op.type()) {
                    case WAIT -> {
                        if (op.status() == OperationStatus.STARTED) {
                            armWait(exec, op);
                        }
                    }
                    case STEP -> {
                        if (op.status() == OperationStatus.PENDING) {
                            armRetry(exec, op);
                        }
                    }
                    case CALLBACK -> {
                        if (op.status() == OperationStatus.STARTED) {
                            armCallbackTimeouts(exec, op, true);
                        }
                    }
                    case CHAINED_INVOKE -> {
                        if (op.status() == OperationStatus.STARTED) {
                            String child = op.extras().childExecutionArn();
                            DurableExecution childExec = child == null ? null : byArn.get(child);
                            if (childExec == null) {
                                dispatchChainedInvoke(exec, op);
                            } else if (childExec.isClosed()) {
                                ExecutionHeader h = childExec.header;
                                workers.submit(() -> completeParentInvoke(h));
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
            invoke = exec.header.awaitingInvocation();
        } finally {
            exec.lock.unlock();
        }
        if (invoke) {
            requestInvocation(exec);
        }
    }

    /** All executions' ARNs (for tests and tools). */
    public Collection<String> arns() {
        return List.copyOf(byArn.keySet());
    }

    @Override
    public void close() {
        closing = true;
        timerThread.shutdownNow();
        workers.shutdownNow();
    }
}
