package io.durablebench.locallambda.durable;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.local.template.DurableSettings;
import io.durablebench.local.template.FunctionDefinition;
import io.durablebench.local.template.SamTemplate;
import io.durablebench.locallambda.LocalLambdaTestSupport;
import io.durablebench.locallambda.durable.model.Operation;
import io.durablebench.locallambda.durable.model.OperationAction;
import io.durablebench.locallambda.durable.model.OperationType;
import io.durablebench.locallambda.durable.model.OperationUpdate;
import io.durablebench.locallambda.function.FunctionHost;
import io.durablebench.locallambda.function.FunctionTarget;
import io.durablebench.locallambda.json.Json;
import io.durablebench.locallambda.store.Journal;
import io.durablebench.locallambda.store.MemoryJournal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@link DurableService} (real function host, journal, clock and threads) without the HTTP
 * layer, for the collaborators' unit tests. Functions are registered in code as scripts that get
 * the invocation event and call the service directly, as a handler's SDK would over HTTP.
 */
final class ServiceFixture implements AutoCloseable, AfterEachCallback {
    /** A durable handler's body: the invocation's view of the service, the handler's output document. */
    interface Script {
        String run(Invocation invocation) throws Exception;
    }

    /** One invocation of a script: the event, and checkpoints with the current token. */
    final class Invocation {
        final JsonNode event;
        final String arn;
        String token;

        Invocation(JsonNode event) {
            this.event = event;
            this.arn = event.get("DurableExecutionArn").asText();
            this.token = event.get("CheckpointToken").asText();
        }

        /** Checkpoints the updates with the current token; returns the response and keeps the new token. */
        JsonNode checkpoint(OperationUpdate... updates) {
            JsonNode r = json(service.checkpoint(arn, token, List.of(updates), null, 0));
            token = r.get("CheckpointToken").asText();
            return r;
        }

        String input() {
            return event.get("InitialExecutionState").get("Operations").get(0).get("ExecutionDetails")
                    .get("InputPayload").asText();
        }
    }

    static final DurableService.Options FAST = new DurableService.Options(3, 3, Duration.ofMillis(50), 1000,
            5 * 1024 * 1024);

    final FunctionHost host;
    final Journal journal;
    final ServiceClock clock;
    final DurableService service;

    ServiceFixture() {
        this(new MemoryJournal(), true, FAST);
    }

    ServiceFixture(Journal journal, boolean skipTime, DurableService.Options options) {
        this.host = new FunctionHost(SamTemplate.load(LocalLambdaTestSupport.testTemplate()), "us-east-1", Map.of(),
                "http://127.0.0.1:9", getClass().getClassLoader());
        this.journal = journal;
        this.clock = new ServiceClock(skipTime);
        this.service = new DurableService(host, journal, clock, options);
    }

    /** Registers a durable function whose invocations run {@code script}. */
    FunctionTarget durable(String name, Script script) {
        return durable(name, Map.of(), script);
    }

    /**
     * Registers a durable function whose first invocation checkpoints {@code start} and suspends, and
     * whose next one returns {@code outcome} of that operation as it then stands.
     */
    FunctionTarget startsThenReports(String name, OperationUpdate start,
                                     Function<Operation, String> outcome) {
        AtomicInteger calls = new AtomicInteger();
        return durable(name, inv -> {
            if (calls.incrementAndGet() == 1) {
                inv.checkpoint(start);
                return pending();
            }
            return succeeded(outcome.apply(execution(inv.arn).op(start.id())));
        });
    }

    /** Registers a durable function with template properties (e.g. ReservedConcurrentExecutions). */
    FunctionTarget durable(String name, Map<String, Object> properties, Script script) {
        register(name, new DurableSettings(300, 1), properties, (in, out, ctx) -> {
            try {
                out.write(script.run(new Invocation(Json.parse(in.readAllBytes())))
                        .getBytes(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return host.resolve(name, "$LATEST");
    }

    /** Registers an ordinary function. */
    void ordinary(String name, RequestStreamHandler handler) {
        register(name, null, Map.of(), handler);
    }

    private void register(String name, DurableSettings durable, Map<String, Object> properties,
                          RequestStreamHandler handler) {
        host.register(new FunctionDefinition(name, "(test)", "", "java17", 30, 512, Map.of(),
                Optional.ofNullable(durable), Optional.empty(), List.of(), properties), () -> handler);
    }

    DurableExecution execution(String arn) {
        return service.registry().find(arn);
    }

    /**
     * Registers {@code script} as durable function {@code name}, starts an execution of it without
     * a name or input, and waits for that execution's end.
     */
    ExecutionHeader runToEnd(String name, Script script) throws InterruptedException {
        return awaitClosed(service.start(durable(name, script), null, null).arn());
    }

    ExecutionHeader awaitClosed(String arn) throws InterruptedException {
        ExecutionHeader h = service.awaitClosed(arn, Duration.ofSeconds(30));
        if (!h.status().isClosed()) {
            throw new AssertionError("execution still running: " + arn);
        }
        return h;
    }

    /** Whether the execution has a timer armed under {@code key}. */
    boolean armed(String arn, String key) {
        DurableExecution exec = execution(arn);
        exec.lock.lock();
        try {
            return exec.timers.containsKey(key);
        } finally {
            exec.lock.unlock();
        }
    }

    List<String> eventTypes(String arn) {
        DurableExecution exec = execution(arn);
        exec.lock.lock();
        try {
            return exec.events.stream().map(e -> e.eventType()).toList();
        } finally {
            exec.lock.unlock();
        }
    }

    static JsonNode json(byte[] bytes) {
        try {
            return Json.parse(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String succeeded(String result) {
        ObjectNode n = Json.object();
        n.put("Status", "SUCCEEDED");
        n.put("Result", result);
        return n.toString();
    }

    static String pending() {
        return "{\"Status\":\"PENDING\"}";
    }

    static OperationUpdate update(String id, OperationType type, OperationAction action) {
        return new OperationUpdate(id, null, id, type, null, action, null, null, null, null, null, null, null);
    }

    static OperationUpdate stepSucceed(String id, String payload) {
        return new OperationUpdate(id, null, id, OperationType.STEP, null, OperationAction.SUCCEED, payload, null,
                null, null, null, null, null);
    }

    static OperationUpdate waitStart(String id, int seconds) {
        return new OperationUpdate(id, null, id, OperationType.WAIT, null, OperationAction.START, null, null, null,
                null, new OperationUpdate.WaitOptions(seconds), null, null);
    }

    static OperationUpdate callbackStart(String id, Integer timeout, Integer heartbeat) {
        return new OperationUpdate(id, null, id, OperationType.CALLBACK, null, OperationAction.START, null, null, null,
                null, null, new OperationUpdate.CallbackOptions(timeout, heartbeat), null);
    }

    static OperationUpdate invokeStart(String id, String function, String payload) {
        return new OperationUpdate(id, null, id, OperationType.CHAINED_INVOKE, null, OperationAction.START, payload,
                null, null, null, null, null, new OperationUpdate.ChainedInvokeOptions(function, null));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        LocalLambdaTestSupport.await(what, Duration.ofSeconds(30), condition);
    }

    /** As a test's {@code @RegisterExtension} field: closed after each test. */
    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        service.close();
        host.close();
        journal.close();
    }
}
