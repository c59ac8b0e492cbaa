package io.durablebench.locallambda.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.locallambda.async.AsyncInvocations;
import io.durablebench.locallambda.durable.DurableService;
import io.durablebench.locallambda.function.FunctionHost;
import io.durablebench.locallambda.json.Json;
import io.durablebench.locallambda.store.Journal;
import java.util.List;
import java.util.Set;

/**
 * The local extras, which Lambda does not have: {@code GET /local/health}, {@code /local/environments}
 * (the functions' execution environments), {@code /local/async-events}, {@code /local/store} (the
 * journal's counters) and {@code /local/executions/{arn}/metrics}.
 */
record LocalExtrasApi(FunctionHost host, DurableService durable, Journal journal, AsyncInvocations asyncInvokes) {
    private static final Set<String> DOCUMENTS = Set.of("health", "environments", "async-events", "store");

    /** Whether this API answers {@code method} on the path of segments {@code s}. */
    static boolean handles(List<String> s, String method) {
        if (!method.equals("GET") || s.isEmpty() || !s.get(0).equals("local")) {
            return false;
        }
        return s.size() == 2 && DOCUMENTS.contains(s.get(1))
                || s.size() == 4 && s.get(1).equals("executions") && s.get(3).equals("metrics");
    }

    ApiResponse handle(ApiRequest r) {
        List<String> s = r.segments();
        if (s.size() == 4) {
            return ApiResponse.json(durable.metrics(s.get(2)));
        }
        return switch (s.get(1)) {
            case "health" -> {
                ObjectNode n = Json.object();
                n.put("Status", "OK");
                n.put("Executions", durable.executionCount());
                yield ApiResponse.json(n);
            }
            case "environments" -> {
                ObjectNode n = Json.object();
                var functions = n.putArray("Functions");
                host.environmentStats().forEach(st -> functions.add(Json.pascalCase(st)));
                yield ApiResponse.json(n);
            }
            case "async-events" -> ApiResponse.json(asyncInvokes.describe(
                    LambdaApi.emptyToNull(r.queryParam("FunctionName"))));
            default -> ApiResponse.json(Json.pascalCase(journal.stats()));
        };
    }
}
