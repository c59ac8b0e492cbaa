package io.durablebench.locallambda.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.locallambda.async.AsyncInvocations;
import io.durablebench.locallambda.durable.DurableService;
import io.durablebench.locallambda.durable.ExecutionHeader;
import io.durablebench.locallambda.durable.model.ErrorObject;
import io.durablebench.locallambda.durable.model.ExecutionStatus;
import io.durablebench.locallambda.durable.model.OperationUpdate;
import io.durablebench.locallambda.error.ErrorType;
import io.durablebench.locallambda.error.LambdaApiException;
import io.durablebench.locallambda.function.FunctionHost;
import io.durablebench.locallambda.function.FunctionTarget;
import io.durablebench.locallambda.function.InvocationOutcome;
import io.durablebench.locallambda.json.Json;
import io.durablebench.locallambda.json.WireJson;
import io.durablebench.locallambda.store.Journal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The Lambda APIs this service answers, by path (as the AWS SDK v2 {@code LambdaClient} marshals
 * them), plus the local extras under {@code /local} ({@link LocalExtrasApi}).
 */
public final class LambdaApi {
    static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
    static final int MAX_ASYNC_PAYLOAD = 256 * 1024;

    private final FunctionHost host;
    private final DurableService durable;
    private final Duration syncInvokeLimit;
    private final AsyncInvocations asyncInvokes;
    private final VersionsApi versions;
    private final LocalExtrasApi extras;

    public LambdaApi(FunctionHost host, DurableService durable, Journal journal, Duration syncInvokeLimit,
                     AsyncInvocations asyncInvokes) {
        this.host = host;
        this.durable = durable;
        this.syncInvokeLimit = syncInvokeLimit;
        this.asyncInvokes = asyncInvokes;
        this.versions = new VersionsApi(host);
        this.extras = new LocalExtrasApi(host, durable, journal, asyncInvokes);
    }

    ApiResponse handle(ApiRequest r) throws InterruptedException {
        List<String> s = r.segments();
        String m = r.method();
        if (s.size() == 4 && s.get(0).equals("2015-03-31") && s.get(1).equals("functions")
                && s.get(3).equals("invocations") && m.equals("POST")) {
            return invoke(r, s.get(2));
        }
        if (VersionsApi.handles(s)) {
            return versions.handle(r);
        }
        if (s.size() >= 3 && s.get(0).equals("2025-12-01") && s.get(1).equals("durable-executions")) {
            String arn = s.get(2);
            if (s.size() == 3 && m.equals("GET")) {
                return ApiResponse.json(durable.describe(arn, r.boolParam("IncludeExecutionData", true)));
            }
            if (s.size() == 4) {
                switch (s.get(3) + " " + m) {
                    case "checkpoint POST" -> {
                        return checkpoint(r, arn);
                    }
                    case "state GET" -> {
                        return ApiResponse.json(durable.state(arn, r.queryParam("CheckpointToken"),
                                r.queryParam("Marker"), r.intParam("MaxItems")));
                    }
                    case "history GET" -> {
                        return ApiResponse.json(durable.history(arn, r.boolParam("IncludeExecutionData", true),
                                r.intParam("MaxItems"), r.queryParam("Marker"), r.boolParam("ReverseOrder")));
                    }
                    case "stop POST" -> {
                        Instant at = durable.stop(arn, optionalError(r.body()));
                        ObjectNode n = Json.object();
                        n.set("StopTimestamp", Json.epochSeconds(at));
                        return ApiResponse.json(n);
                    }
                    default -> {
                    }
                }
            }
        }
        if (s.size() == 4 && s.get(0).equals("2025-12-01") && s.get(1).equals("functions")
                && s.get(3).equals("durable-executions") && m.equals("GET")) {
            return list(r, s.get(2));
        }
        if (s.size() == 4 && s.get(0).equals("2025-12-01") && s.get(1).equals("durable-execution-callbacks")
                && m.equals("POST")) {
            String id = s.get(2);
            switch (s.get(3)) {
                case "succeed" -> {
                    durable.callbackSuccess(id, r.body());
                    return ApiResponse.json(Json.object());
                }
                case "fail" -> {
                    durable.callbackFailure(id, optionalError(r.body()));
                    return ApiResponse.json(Json.object());
                }
                case "heartbeat" -> {
                    durable.callbackHeartbeat(id);
                    return ApiResponse.json(Json.object());
                }
                default -> {
                }
            }
        }
        if (LocalExtrasApi.handles(s, m)) {
            return extras.handle(r);
        }
        throw new LambdaApiException(ErrorType.UnknownOperationException,
                "No Lambda API matches " + m + " /" + String.join("/", s));
    }

    // ------------------------------------------------------------------ Invoke

    private ApiResponse invoke(ApiRequest r, String functionName) throws InterruptedException {
        FunctionTarget target = host.resolve(functionName, r.queryParam("Qualifier"));
        String type = r.header("X-Amz-Invocation-Type");
        type = type == null || type.isEmpty() ? "RequestResponse" : type;
        if (!Set.of("RequestResponse", "Event", "DryRun").contains(type)) {
            throw LambdaApiException.invalidParameter("X-Amz-Invocation-Type must be RequestResponse, Event or DryRun, got "
                    + type);
        }
        byte[] payload = r.body();
        int limit = type.equals("Event") ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
        if (payload.length > limit) {
            throw new LambdaApiException(ErrorType.RequestTooLargeException, "Request must be smaller than " + limit
                    + " bytes for the " + type + " invocation type");
        }
        if (payload.length > 0) {
            try {
                Json.parse(payload);
            } catch (IOException e) {
                throw new LambdaApiException(ErrorType.InvalidRequestContentException,
                        "Could not parse request body into json: " + e.getMessage());
            }
        }
        String executionName = r.header("X-Amz-Durable-Execution-Name");
        if (target.function().durable()) {
            if (!target.qualified()) {
                throw LambdaApiException.invalidParameter("You cannot invoke a durable function using an unqualified ARN.");
            }
            if (type.equals("DryRun")) {
                return ApiResponse.empty(204).withHeader("X-Amz-Executed-Version", target.version());
            }
            DurableService.Started started = durable.start(target, executionName == null || executionName.isEmpty()
                    ? null : executionName, new String(payload, StandardCharsets.UTF_8));
            if (type.equals("Event")) {
                return ApiResponse.empty(202)
                        .withHeader("X-Amz-Durable-Execution-Arn", started.arn())
                        .withHeader("X-Amz-Executed-Version", target.version());
            }
            ExecutionHeader h = durable.awaitClosed(started.arn(), syncInvokeLimit);
            ApiResponse response;
            if (h.status() == ExecutionStatus.SUCCEEDED) {
                byte[] body = h.result() == null ? new byte[0] : h.result().getBytes(StandardCharsets.UTF_8);
                response = ApiResponse.bytes(200, body);
            } else if (h.status() == ExecutionStatus.RUNNING) {
                response = ApiResponse.bytes(200, FunctionHost.functionErrorBody(ErrorObject.of("DurableExecutionRunning",
                        "The durable execution did not end within the synchronous invocation limit of "
                                + syncInvokeLimit.toSeconds() + " s; it continues: " + h.arn())))
                        .withHeader("X-Amz-Function-Error", "Unhandled");
            } else {
                ErrorObject error = h.error() != null ? h.error() : ErrorObject.of(null, "Execution " + h.status());
                response = ApiResponse.bytes(200, FunctionHost.functionErrorBody(error))
                        .withHeader("X-Amz-Function-Error", "Unhandled");
            }
            return response.withHeader("X-Amz-Durable-Execution-Arn", started.arn())
                    .withHeader("X-Amz-Executed-Version", target.version());
        }
        if (executionName != null && !executionName.isEmpty()) {
            throw LambdaApiException.invalidParameter("DurableExecutionName can only be used with a durable function; "
                    + target.name() + " has no DurableConfig");
        }
        switch (type) {
            case "DryRun" -> {
                return ApiResponse.empty(204).withHeader("X-Amz-Executed-Version", target.version());
            }
            case "Event" -> {
                String requestId = asyncInvokes.accept(target, payload);
                return ApiResponse.empty(202).withHeader("X-Amz-Executed-Version", target.version())
                        .withHeader("x-amzn-RequestId", requestId);
            }
            default -> {
                String requestId = UUID.randomUUID().toString();
                InvocationOutcome outcome = host.invoke(target, payload, requestId);
                if (outcome.throttled()) {
                    throw outcome.throttleException();
                }
                ApiResponse response = outcome.succeeded() ? ApiResponse.bytes(200, outcome.output())
                        : ApiResponse.bytes(200, FunctionHost.functionErrorBody(outcome.error()))
                        .withHeader("X-Amz-Function-Error", "Unhandled");
                return response.withHeader("X-Amz-Executed-Version", target.version())
                        .withHeader("x-amzn-RequestId", requestId);
            }
        }
    }

    // ------------------------------------------------------------------ durable APIs

    private ApiResponse checkpoint(ApiRequest r, String arn) {
        JsonNode body = jsonBody(r.body());
        WireJson.requireObject(body, "request", Set.of("CheckpointToken", "Updates", "ClientToken"));
        String token = WireJson.optText(body, "CheckpointToken", "request");
        if (token == null) {
            throw LambdaApiException.invalidParameter("CheckpointToken is required");
        }
        String clientToken = WireJson.optText(body, "ClientToken", "request");
        if (clientToken != null && (clientToken.isEmpty() || clientToken.length() > 64)) {
            throw LambdaApiException.invalidParameter("ClientToken must be 1 to 64 characters");
        }
        List<OperationUpdate> updates = new ArrayList<>();
        JsonNode list = body.get("Updates");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw LambdaApiException.invalidParameter("Updates must be a list");
            }
            for (int i = 0; i < list.size(); i++) {
                updates.add(WireJson.readUpdate(list.get(i), "Updates[" + i + "]"));
            }
        }
        return ApiResponse.bytes(200, durable.checkpoint(arn, token, updates, clientToken, r.body().length));
    }

    private ApiResponse list(ApiRequest r, String functionName) {
        Set<ExecutionStatus> statuses = EnumSet.noneOf(ExecutionStatus.class);
        for (String st : r.queryParams("Statuses")) {
            try {
                statuses.add(ExecutionStatus.valueOf(st));
            } catch (IllegalArgumentException e) {
                throw LambdaApiException.invalidParameter("Statuses: unknown status " + st);
            }
        }
        return ApiResponse.json(durable.list(functionName, emptyToNull(r.queryParam("Qualifier")),
                emptyToNull(r.queryParam("DurableExecutionName")), statuses, instant(r, "StartedAfter"),
                instant(r, "StartedBefore"), r.boolParam("ReverseOrder"), r.queryParam("Marker"),
                r.intParam("MaxItems")));
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Instant instant(ApiRequest r, String name) {
        String v = r.queryParam(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return Instant.ofEpochMilli(new java.math.BigDecimal(v).movePointRight(3).longValue());
            } catch (NumberFormatException n) {
                throw LambdaApiException.invalidParameter(name + " must be an ISO-8601 timestamp, got '" + v + "'");
            }
        }
    }

    private static JsonNode jsonBody(byte[] body) {
        try {
            JsonNode n = Json.parse(body);
            if (n == null) {
                throw new LambdaApiException(ErrorType.InvalidRequestContentException, "Request body is empty");
            }
            return n;
        } catch (IOException e) {
            throw new LambdaApiException(ErrorType.InvalidRequestContentException,
                    "Could not parse request body into json: " + e.getMessage());
        }
    }

    private static ErrorObject optionalError(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        JsonNode n = jsonBody(body);
        return WireJson.readError(n, "Error");
    }
}
