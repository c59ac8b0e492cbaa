package io.durablebench.locallambda.async;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.local.template.FunctionDefinition;
import io.durablebench.local.template.LocalResources;
import io.durablebench.local.template.SamTemplate;
import io.durablebench.locallambda.durable.ServiceClock;
import io.durablebench.locallambda.durable.ServiceThreads;
import io.durablebench.locallambda.durable.model.ErrorObject;
import io.durablebench.locallambda.error.LambdaApiException;
import io.durablebench.locallambda.function.FunctionHost;
import io.durablebench.locallambda.function.FunctionTarget;
import io.durablebench.locallambda.function.HostedFunction;
import io.durablebench.locallambda.function.InvocationOutcome;
import io.durablebench.locallambda.json.Json;
import io.durablebench.locallambda.json.WireJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lambda's asynchronous invocation of ordinary functions: an accepted {@code Event} invoke is
 * queued (kept in the {@link EventStore} before the 202), run, and when the function returns an
 * error run again, under the same request id, after Lambda's delays (about 1 minute before the
 * first retry and 2 minutes before the second), as often as the function's
 * {@link EventInvokeConfig#maximumRetryAttempts()} allows; an event older than its
 * {@link EventInvokeConfig#maximumEventAge()} is not run again. An event that failed every attempt
 * or got too old goes to the {@link FailureDestinations}. A throttled attempt (the function at its
 * concurrency limit: the handler never ran) is not a failed attempt: it is tried again after a back-off
 * that starts at 1 second and doubles up to 5 minutes, as Lambda's queue does, until the event's maximum age.
 *
 * <p>Retry delays are on the {@link ServiceClock}: with time skipping they end at once (the clock
 * jumps), and tests may give shorter delays ({@code LocalLambdaConfig.asyncRetryDelays}); the
 * defaults are Lambda's. Durable functions do not come here: their Event invoke starts the
 * execution, whose invocations the durable service retries itself (Lambda does not retry durable
 * executions with the asynchronous retry policy).
 */
public final class AsyncInvocations implements AutoCloseable {
    /** Lambda's waits before the first and the second retry of a failed asynchronous event. */
    public static final List<Duration> LAMBDA_RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2));
    private static final Duration FIRST_THROTTLE_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_THROTTLE_DELAY = Duration.ofMinutes(5);
    /** Succeeded events kept for {@code GET /local/async-events}; older ones are forgotten (failed ones never). */
    private static final int SUCCEEDED_KEPT = 10_000;

    private final FunctionHost host;
    /** Each function's EventInvokeConfig and the one qualifier it is attached to. */
    private final Map<String, QualifiedConfig> configs;
    private final EventStore store;
    private final FailureDestinations destinations;
    private final ServiceClock clock;
    private final List<Duration> retryDelays;
    private final ServiceThreads threads = new ServiceThreads("local-lambda-async-timer", "local-lambda-event-invoke-");
    private final Map<String, ObjectNode> statuses = new ConcurrentHashMap<>();
    private final java.util.Queue<String> succeeded = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger succeededCount = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param dataDir     where queued events and failure records are kept; null: in memory only
     * @param retryDelays the waits before retry 1 and retry 2 ({@link #LAMBDA_RETRY_DELAYS} on Lambda)
     * @throws IllegalArgumentException when a function's EventInvokeConfig is not valid (naming it)
     */
    public AsyncInvocations(FunctionHost host, SamTemplate template, Path dataDir, ServiceClock clock,
                            List<Duration> retryDelays) {
        if (retryDelays.size() != 2 || retryDelays.stream().anyMatch(d -> d.isNegative())) {
            throw new IllegalArgumentException("asyncRetryDelays must be the two waits before retry 1 and retry 2, "
                    + "each >= 0, got " + retryDelays);
        }
        this.host = host;
        LocalResources resources = new LocalResources(template, host.region());
        Map<String, QualifiedConfig> c = new LinkedHashMap<>();
        for (FunctionDefinition f : template.functions().values()) {
            // SAM attaches it to the alias it publishes (AutoPublishAlias), else to $LATEST
            c.put(f.logicalId(), new QualifiedConfig(f.autoPublishAlias().orElse("$LATEST"),
                    EventInvokeConfig.of(f, resources)));
        }
        this.configs = Map.copyOf(c);
        this.store = new EventStore(dataDir == null ? null : dataDir.resolve("async").resolve("queue"));
        this.destinations = new FailureDestinations(dataDir == null ? null : dataDir.resolve("async")
                .resolve("on-failure"), host.region());
        this.clock = clock;
        this.retryDelays = List.copyOf(retryDelays);
    }

    private record QualifiedConfig(String qualifier, EventInvokeConfig config) {
    }

    /**
     * The asynchronous invocation settings of an event for {@code functionName} invoked with
     * {@code qualifier} (null: unqualified, which is {@code $LATEST}): the template's when they are
     * attached to that qualifier, as on Lambda, where a function's EventInvokeConfig belongs to one
     * qualifier; else Lambda's defaults (also for functions registered in code).
     */
    public EventInvokeConfig config(String functionName, String qualifier) {
        QualifiedConfig c = configs.get(functionName);
        return c != null && c.qualifier().equals(qualifier == null ? "$LATEST" : qualifier) ? c.config()
                : EventInvokeConfig.DEFAULTS;
    }

    /**
     * Queues an Event invoke: kept (synced) before this returns, first attempt at once.
     *
     * @return the event's request id, the same on every attempt
     */
    public String accept(FunctionTarget target, byte[] payload) {
        Instant now = clock.now();
        AsyncEvent event = new AsyncEvent(UUID.randomUUID().toString(), target.name(), target.qualifier(),
                new String(payload, StandardCharsets.UTF_8), now, 0, 0, now, null, null);
        store.save(event);
        track(event, "Queued");
        schedule(event, false);
        return event.requestId();
    }

    /** After a restart: every event the last run had queued and not finished, at its stored due time. */
    public int recover() {
        List<AsyncEvent> queued = store.load();
        for (AsyncEvent e : queued) {
            track(e, "Queued");
            schedule(e, e.attempts() > 0);
        }
        return queued.size();
    }

    private void schedule(AsyncEvent event, boolean skippable) {
        if (threads.closing()) {
            return;
        }
        long delay = clock.arm(event.nextAttemptAt(), skippable);
        threads.schedule(() -> attempt(event), delay);
    }

    private void attempt(AsyncEvent event) {
        if (threads.closing()) {
            return;
        }
        EventInvokeConfig config = config(event.functionName(), event.qualifier());
        HostedFunction fn = host.functions().get(event.functionName());
        Instant now = clock.now();
        if (Duration.between(event.acceptedAt(), now).compareTo(config.maximumEventAge()) > 0) {
            giveUp(event, FailureDestinations.Condition.EventAgeExceeded, config, fn, now);
            return;
        }
        track(event, "Running");
        InvocationOutcome outcome;
        String version;
        try {
            FunctionTarget target = host.resolve(event.functionName(), event.qualifier());
            version = target.version();
            outcome = host.invoke(target, event.payload().getBytes(StandardCharsets.UTF_8), event.requestId());
        } catch (LambdaApiException e) {
            version = event.executedVersion();
            outcome = new InvocationOutcome(event.requestId(), now, now, null,
                    ErrorObject.of(e.type().name(), e.getMessage()), false);
        }
        if (threads.closing()) {
            return; // the service is stopping (the attempt may have been cut short): the stored event is run again at the next start
        }
        Instant end = clock.now();
        if (outcome.throttled()) {
            long doubling = FIRST_THROTTLE_DELAY.toMillis() << Math.min(20, event.throttles());
            AsyncEvent next = event.throttled(end.plusMillis(Math.min(doubling, MAX_THROTTLE_DELAY.toMillis())));
            store.save(next);
            track(next, "Queued");
            schedule(next, false);
            return;
        }
        if (outcome.succeeded()) {
            store.delete(event.requestId());
            ObjectNode s = track(event, "Succeeded");
            s.put("Attempts", event.attempts() + 1);
            s.put("ExecutedVersion", version);
            succeeded.add(event.requestId());
            if (succeededCount.incrementAndGet() > SUCCEEDED_KEPT) {
                String oldest = succeeded.poll();
                if (oldest != null) {
                    succeededCount.decrementAndGet();
                    statuses.remove(oldest);
                }
            }
            return;
        }
        int failed = event.attempts() + 1;
        if (failed > config.maximumRetryAttempts()) {
            giveUp(event.failedAttempt(outcome.error(), version, end), FailureDestinations.Condition.RetriesExhausted,
                    config, fn, end);
            return;
        }
        AsyncEvent next = event.failedAttempt(outcome.error(), version, end.plus(retryDelays.get(failed - 1)));
        store.save(next);
        track(next, "RetryScheduled");
        schedule(next, true);
    }

    private void giveUp(AsyncEvent event, FailureDestinations.Condition condition, EventInvokeConfig config,
                        HostedFunction fn, Instant now) {
        FailureDestinations.Failed f = destinations.fail(event, condition, fn.arn(), config, fn.environment(), now);
        store.delete(event.requestId());
        ObjectNode s = track(event, "Failed");
        s.put("Condition", condition.name());
        f.delivered().ifPresent(d -> s.put("DeliveredTo", d));
        if (f.reason() != null) {
            s.put("NotDeliveredBecause", f.reason());
        }
        s.set("Record", f.record());
    }

    private ObjectNode track(AsyncEvent event, String status) {
        ObjectNode s = Json.object();
        s.put("RequestId", event.requestId());
        s.put("FunctionName", event.functionName());
        s.put("Qualifier", event.qualifier());
        s.put("Status", status);
        s.put("Attempts", event.attempts());
        s.set("AcceptedTimestamp", Json.epochSeconds(event.acceptedAt()));
        if (event.executedVersion() != null) {
            s.put("ExecutedVersion", event.executedVersion());
        }
        if (event.lastError() != null) {
            s.set("LastError", WireJson.error(event.lastError()));
        }
        statuses.put(event.requestId(), s);
        return s;
    }

    /**
     * {@code GET /local/async-events}: every event this run accepted or recovered, oldest first,
     * with its status ({@code Queued}, {@code Running}, {@code RetryScheduled}, {@code Succeeded},
     * {@code Failed}), its attempts, and for a failed one Lambda's invocation record and where it went.
     */
    public ObjectNode describe(String functionName) {
        ObjectNode out = Json.object();
        ArrayNode events = out.putArray("Events");
        statuses.values().stream()
                .filter(s -> functionName == null || functionName.equals(s.get("FunctionName").asText()))
                .sorted(java.util.Comparator.comparing(s -> s.get("AcceptedTimestamp").decimalValue()))
                .forEach(s -> events.add(s.deepCopy()));
        return out;
    }

    @Override
    public void close() {
        threads.close();
        destinations.close();
    }
}
