package io.durablebench.locallambda.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.local.template.FunctionDefinition;
import io.durablebench.locallambda.error.ErrorType;
import io.durablebench.locallambda.error.LambdaApiException;
import io.durablebench.locallambda.function.FunctionCode;
import io.durablebench.locallambda.function.FunctionHost;
import io.durablebench.locallambda.function.FunctionVersions;
import io.durablebench.locallambda.function.HostedFunction;
import io.durablebench.locallambda.json.Json;
import io.durablebench.locallambda.json.WireJson;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/**
 * The Lambda APIs of versions and aliases ({@code PublishVersion}, {@code ListVersionsByFunction},
 * {@code CreateAlias}, {@code GetAlias}, {@code UpdateAlias}, {@code ListAliases}), as the AWS SDK's
 * {@code LambdaClient} marshals them, and the local {@code PUT /local/functions/{name}/code}
 * (UpdateFunctionCode with a class path, since this service takes no deployment packages).
 */
final class VersionsApi {
    private static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private final FunctionHost host;

    VersionsApi(FunctionHost host) {
        this.host = host;
    }

    /** Whether this API answers a request to {@code s} (the path's segments). */
    static boolean handles(List<String> s) {
        return s.size() >= 4 && s.get(0).equals("2015-03-31") && s.get(1).equals("functions")
                && (s.get(3).equals("versions") || s.get(3).equals("aliases"))
                || s.size() == 4 && s.get(0).equals("local") && s.get(1).equals("functions") && s.get(3).equals("code");
    }

    ApiResponse handle(ApiRequest r) {
        List<String> s = r.segments();
        HostedFunction fn = host.resolve(s.get(2), null).function();
        String name = fn.name();
        FunctionVersions versions = host.versions();
        String route = (s.size() == 4 ? s.get(3) : s.size() == 5 && s.get(3).equals("aliases") ? "aliases/{name}" : "")
                + " " + r.method();
        if (s.get(0).equals("local")) {
            if (!r.method().equals("PUT")) {
                throw unknown(r);
            }
            JsonNode body = body(r, Set.of("ClassPath"));
            String classPath = WireJson.optText(body, "ClassPath", "request");
            if (classPath == null || classPath.isBlank()) {
                throw LambdaApiException.invalidParameter("ClassPath is required: the code of $LATEST as a class path");
            }
            return ApiResponse.json(configuration(fn, host.updateCode(name, FunctionCode.classPath(classPath))));
        }
        switch (route) {
            case "versions POST" -> {
                JsonNode body = body(r, Set.of("CodeSha256", "Description", "RevisionId", "PublishTo"));
                FunctionVersions.Version v = versions.publish(name, WireJson.optText(body, "Description", "request"),
                        WireJson.optText(body, "CodeSha256", "request"));
                return withStatus(201, configuration(fn, v));
            }
            case "versions GET" -> {
                ObjectNode out = Json.object();
                ArrayNode list = out.putArray("Versions");
                versions.versions(name).forEach(v -> list.add(configuration(fn, v)));
                return ApiResponse.json(out);
            }
            case "aliases POST" -> {
                JsonNode body = body(r, Set.of("Name", "FunctionVersion", "Description", "RoutingConfig"));
                refuseRouting(body);
                FunctionVersions.Alias a = versions.createAlias(name, WireJson.optText(body, "Name", "request"),
                        WireJson.optText(body, "FunctionVersion", "request"),
                        WireJson.optText(body, "Description", "request"));
                return withStatus(201, alias(fn, a));
            }
            case "aliases GET" -> {
                ObjectNode out = Json.object();
                ArrayNode list = out.putArray("Aliases");
                String version = r.queryParam("FunctionVersion");
                versions.aliases(name, version == null || version.isEmpty() ? null : version)
                        .forEach(a -> list.add(alias(fn, a)));
                return ApiResponse.json(out);
            }
            case "aliases/{name} GET" -> {
                return ApiResponse.json(alias(fn, versions.alias(name, s.get(4))));
            }
            case "aliases/{name} PUT" -> {
                JsonNode body = body(r, Set.of("FunctionVersion", "Description", "RoutingConfig", "RevisionId"));
                refuseRouting(body);
                return ApiResponse.json(alias(fn, versions.updateAlias(name, s.get(4),
                        WireJson.optText(body, "FunctionVersion", "request"),
                        WireJson.optText(body, "Description", "request"),
                        WireJson.optText(body, "RevisionId", "request"))));
            }
            default -> throw unknown(r);
        }
    }

    private static LambdaApiException unknown(ApiRequest r) {
        return new LambdaApiException(ErrorType.UnknownOperationException,
                "No Lambda API matches " + r.method() + " /" + String.join("/", r.segments()));
    }

    /** Weighted aliases (a share of invocations to another version) are not modelled: refused, not ignored. */
    private static void refuseRouting(JsonNode body) {
        JsonNode routing = body.get("RoutingConfig");
        if (routing != null && !routing.isNull() && routing.path("AdditionalVersionWeights").size() > 0) {
            throw LambdaApiException.invalidParameter("RoutingConfig.AdditionalVersionWeights: weighted aliases are "
                    + "not served by this local service");
        }
    }

    private static JsonNode body(ApiRequest r, Set<String> members) {
        if (r.body().length == 0) {
            return Json.object();
        }
        JsonNode n;
        try {
            n = Json.parse(r.body());
        } catch (IOException e) {
            throw new LambdaApiException(ErrorType.InvalidRequestContentException,
                    "Could not parse request body into json: " + e.getMessage());
        }
        WireJson.requireObject(n, "request", members);
        return n;
    }

    private static ApiResponse withStatus(int status, JsonNode body) {
        return ApiResponse.bytes(status, Json.bytes(body));
    }

    /** A version's FunctionConfiguration. */
    private static ObjectNode configuration(HostedFunction fn, FunctionVersions.Version v) {
        FunctionDefinition def = fn.definition();
        ObjectNode n = Json.object();
        n.put("FunctionName", fn.name());
        n.put("FunctionArn", fn.arn() + ":" + v.number());
        n.put("Runtime", def.runtime());
        n.put("Handler", def.handler());
        n.put("CodeSize", 0);
        n.put("Description", v.description());
        n.put("Timeout", def.timeoutSeconds());
        n.put("MemorySize", def.memoryMb());
        n.put("LastModified", LAST_MODIFIED.format(v.lastModified()));
        n.put("CodeSha256", v.codeSha256());
        n.put("Version", v.number());
        n.put("State", "Active");
        n.put("LastUpdateStatus", "Successful");
        n.put("PackageType", "Zip");
        def.durable().ifPresent(d -> {
            ObjectNode dc = n.putObject("DurableConfig");
            dc.put("ExecutionTimeout", d.executionTimeoutSeconds());
            dc.put("RetentionPeriodInDays", d.retentionPeriodInDays());
        });
        return n;
    }

    private static ObjectNode alias(HostedFunction fn, FunctionVersions.Alias a) {
        ObjectNode n = Json.object();
        n.put("AliasArn", fn.arn() + ":" + a.name());
        n.put("Name", a.name());
        n.put("FunctionVersion", a.version());
        n.put("Description", a.description());
        n.put("RevisionId", a.revisionId());
        return n;
    }
}
