package io.durablebench.locallambda.durable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.locallambda.durable.model.ExecutionStatus;
import io.durablebench.locallambda.durable.model.HistoryEvent;
import io.durablebench.locallambda.durable.model.Operation;
import io.durablebench.locallambda.durable.model.OperationType;
import io.durablebench.locallambda.error.LambdaApiException;
import io.durablebench.locallambda.function.FunctionHost;
import io.durablebench.locallambda.function.HostedFunction;
import io.durablebench.locallambda.function.FunctionTarget;
import io.durablebench.locallambda.json.Json;
import io.durablebench.locallambda.json.WireJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The read-only APIs: GetDurableExecution, GetDurableExecutionHistory (paged, either order),
 * ListDurableExecutionsByFunction (filtered, paged) and the local metrics document, each from a
 * consistent view of the execution under its lock.
 */
record ExecutionQueries(ExecutionRegistry registry, FunctionHost host) {
    /** MaxItems of the paged APIs: default 100, 1 to 1000. */
    static int maxItems(Integer maxItems) {
        int max = maxItems == null ? 100 : maxItems;
        if (max < 1 || max > 1000) {
            throw LambdaApiException.invalidParameter("MaxItems must be between 1 and 1000, got " + max);
        }
        return max;
    }

    /** A consistent copy of an execution's header. */
    ExecutionHeader header(String arn) {
        DurableExecution exec = registry.find(arn);
        return exec.headerLocked();
    }

    /** Waits until the execution is closed, at most {@code limit}; returns its header either way. */
    ExecutionHeader awaitClosed(String arn, Duration limit) throws InterruptedException {
        DurableExecution exec = registry.find(arn);
        try {
            exec.closed.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // the caller reports the execution still running
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return header(arn);
    }

    /**
     * GetDurableExecution. Without execution data the input and the result are left out
     * ({@code ExecutionDataIncluded} false); {@code DurableConfig} is the function's.
     */
    ObjectNode describe(String arn, boolean includeData) {
        DurableExecution exec = registry.find(arn);
        exec.lock.lock();
        try {
            ExecutionHeader h = exec.header;
            ObjectNode n = Json.object();
            n.put("DurableExecutionArn", h.arn());
            n.put("DurableExecutionName", h.executionName());
            n.put("FunctionArn", h.functionArn());
            if (includeData) {
                WireJson.putIfPresent(n, "InputPayload", exec.executionOperation().inputPayload());
                WireJson.putIfPresent(n, "Result", h.result());
            }
            n.put("ExecutionDataIncluded", includeData);
            WireJson.putError(n, "Error", h.error());
            n.set("StartTimestamp", Json.epochSeconds(h.startTimestamp()));
            n.put("Status", h.status().name());
            if (h.endTimestamp() != null) {
                n.set("EndTimestamp", Json.epochSeconds(h.endTimestamp()));
            }
            n.put("Version", h.version());
            ObjectNode config = n.putObject("DurableConfig");
            config.put("ExecutionTimeout", h.executionTimeoutSeconds());
            HostedFunction fn = host.functions().get(h.functionName());
            if (fn != null && fn.definition().durable().isPresent()) {
                config.put("RetentionPeriodInDays", fn.definition().durable().get().retentionPeriodInDays());
            }
            return n;
        } finally {
            exec.lock.unlock();
        }
    }

    /** GetDurableExecutionHistory. The marker is the position of the next event in the chosen order. */
    ObjectNode history(String arn, boolean includeData, Integer maxItems, String marker, boolean reverse) {
        DurableExecution exec = registry.find(arn);
        int max = maxItems(maxItems);
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
                Collections.reverse(events);
            }
            if (from < 0 || from > events.size()) {
                throw LambdaApiException.invalidParameter("Marker is not valid");
            }
            Map<String, History.ChainedTarget> chained = chainedTargets(exec);
            ObjectNode body = Json.object();
            ArrayNode out = body.putArray("Events");
            int end = Math.min(events.size(), from + max);
            for (int i = from; i < end; i++) {
                out.add(History.render(events.get(i), includeData, chained));
            }
            if (end < events.size()) {
                body.put("NextMarker", Tokens.marker("h:" + end));
            }
            return body;
        } finally {
            exec.lock.unlock();
        }
    }

    /**
     * The version each chained invoke ran (its target resolved as the service resolves it to run it;
     * none for a target that cannot be resolved) and the durable child execution it started.
     */
    private Map<String, History.ChainedTarget> chainedTargets(DurableExecution exec) {
        Map<String, History.ChainedTarget> out = new LinkedHashMap<>();
        for (Operation op : exec.ops) {
            if (op.type() != OperationType.CHAINED_INVOKE) {
                continue;
            }
            String version;
            try {
                version = host.resolve(op.extras().invokeFunctionName(), null).version();
            } catch (LambdaApiException e) {
                version = null;
            }
            out.put(op.id(), new History.ChainedTarget(version, op.extras().childExecutionArn()));
        }
        return out;
    }

    /** ListDurableExecutionsByFunction. */
    ObjectNode list(String functionName, String qualifier, String executionName, Set<ExecutionStatus> statuses,
                           Instant startedAfter, Instant startedBefore, boolean reverse, String marker,
                           Integer maxItems) {
        FunctionTarget target = host.resolve(functionName, qualifier);
        int max = maxItems(maxItems);
        List<ExecutionHeader> matches = new ArrayList<>();
        for (DurableExecution exec : registry.all()) {
            ExecutionHeader h = exec.headerLocked();
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
    ObjectNode metrics(String arn) {
        DurableExecution exec = registry.find(arn);
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
}
