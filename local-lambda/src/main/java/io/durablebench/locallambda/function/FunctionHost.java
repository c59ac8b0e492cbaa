package io.durablebench.locallambda.function;

import io.durablebench.local.template.FunctionDefinition;
import io.durablebench.local.template.LocalResources;
import io.durablebench.local.template.SamTemplate;
import io.durablebench.locallambda.error.LambdaApiException;
import io.durablebench.locallambda.durable.model.ErrorObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Hosts the template's functions in this process: resolves the names an invoke uses (name,
 * {@code name:qualifier}, partial and full ARNs) and runs handler invocations under each function's
 * timeout.
 *
 * <p>Versions and aliases are the {@link FunctionVersions}: every function has {@code $LATEST}; a
 * function whose template entry has {@code AutoPublishAlias} also has version {@code 1} and that
 * alias pointing at it (what {@code sam deploy} publishes first); each version runs its own
 * {@link FunctionCode}.
 */
public final class FunctionHost implements AutoCloseable {
    public static final String LATEST = FunctionVersions.LATEST;
    /** Concurrent invocations per function when the template reserves none (Lambda's default account limit). */
    public static final int DEFAULT_CONCURRENCY = 1000;
    /** Lambda's limit on a synchronous invocation's response payload. */
    public static final int MAX_RESPONSE_BYTES = 6_291_556;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,140}");
    private static final Pattern QUALIFIER = Pattern.compile("\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9_-]{1,128}");

    private final Map<String, HostedFunction> functions;
    private final Map<String, String> extraEnvironment;
    private final String lambdaEndpoint;
    private final ClassLoader loader;
    private final String region;
    private final String account;
    private final Clock wallClock = Clock.systemUTC();
    private final ExecutorService handlerThreads;
    private final int defaultConcurrency;
    private final FunctionHosting hosting;
    private final FunctionVersions versions = new FunctionVersions();

    public FunctionHost(SamTemplate template, String region, Map<String, String> extraEnvironment,
                        String lambdaEndpoint, ClassLoader loader) {
        this(template, region, extraEnvironment, lambdaEndpoint, loader, DEFAULT_CONCURRENCY,
                FunctionHosting.inProcess());
    }

    /**
     * @param defaultConcurrency concurrent invocations per in-process function whose template entry reserves none
     * @param hosting            which functions run in environments of their own
     */
    public FunctionHost(SamTemplate template, String region, Map<String, String> extraEnvironment,
                        String lambdaEndpoint, ClassLoader loader, int defaultConcurrency, FunctionHosting hosting) {
        this.region = region;
        this.defaultConcurrency = defaultConcurrency;
        this.hosting = hosting;
        this.account = LocalResources.ACCOUNT_ID;
        this.extraEnvironment = Map.copyOf(extraEnvironment);
        this.lambdaEndpoint = lambdaEndpoint;
        this.loader = loader;
        LocalResources resources = new LocalResources(template, region);
        Map<String, HostedFunction> fns = new java.util.concurrent.ConcurrentHashMap<>();
        for (FunctionDefinition def : template.functions().values()) {
            Map<String, String> env = environment(def, resources.environment(def));
            HostedFunction fn = new HostedFunction(def, resources.functionArn(def.logicalId()), env, loader, null,
                    defaultConcurrency);
            fns.put(def.logicalId(), hosting.outOfProcess(fn) ? new HostedFunction(def, fn.arn(), env, loader, null,
                    hosting.processConcurrency()) : fn);
            versions.addTemplateFunction(def);
        }
        this.functions = fns;
        AtomicInteger n = new AtomicInteger();
        this.handlerThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-lambda-handler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private Map<String, String> environment(FunctionDefinition def, Map<String, String> own) {
        Map<String, String> env = new LinkedHashMap<>(own);
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_LAMBDA_FUNCTION_NAME", def.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(def.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", LATEST);
        env.putAll(extraEnvironment);
        // this service, unless the embedder names another durable service for the functions to call
        // (e.g. AWS's emulator, with this service only hosting the functions it invokes)
        env.putIfAbsent("AWS_ENDPOINT_URL_LAMBDA", lambdaEndpoint);
        return env;
    }

    public Map<String, HostedFunction> functions() {
        return java.util.Collections.unmodifiableMap(functions);
    }

    /**
     * Hosts a function that is not in the template: handler instances come from {@code instances}
     * (one per concurrently running invocation, as for template functions). For tests and embedders
     * that build handlers in code; the function gets the same environment a template function gets.
     *
     * @throws IllegalArgumentException if a function of that name exists
     */
    public HostedFunction register(FunctionDefinition definition, java.util.function.Supplier<?> instances) {
        if (!NAME.matcher(definition.logicalId()).matches()) {
            throw new IllegalArgumentException("invalid function name " + definition.logicalId());
        }
        Map<String, String> env = environment(definition, Map.of());
        HostedFunction f = new HostedFunction(definition, "arn:aws:lambda:" + region + ":" + account + ":function:"
                + definition.logicalId(), env, loader, instances, defaultConcurrency);
        if (functions.putIfAbsent(definition.logicalId(), f) != null) {
            throw new IllegalArgumentException("function " + definition.logicalId() + " exists already");
        }
        versions.addRegisteredFunction(definition, FunctionCode.template());
        return f;
    }

    /** Every function's versions and aliases. */
    public FunctionVersions versions() {
        return versions;
    }

    /**
     * UpdateFunctionCode: {@code $LATEST} of {@code function} runs {@code code} from now on (published
     * versions keep theirs).
     *
     * @throws IllegalArgumentException for handlers made in code given to a function that runs in
     *                                  environments of its own (they exist in this JVM only)
     */
    public FunctionVersions.Version updateCode(String function, FunctionCode code) {
        HostedFunction fn = functions.get(function);
        if (fn == null) {
            throw LambdaApiException.notFound("Function not found: " + function);
        }
        if (code instanceof FunctionCode.Handlers && hosting.outOfProcess(fn)) {
            throw new IllegalArgumentException(function + " runs in environments of its own: its code must be a class "
                    + "path (FunctionCode.classPath), not handlers made in this JVM");
        }
        return versions.updateCode(function, code);
    }

    public String region() {
        return region;
    }

    /**
     * Resolves a FunctionName as the Invoke API accepts it plus the optional Qualifier parameter.
     *
     * @throws LambdaApiException ResourceNotFoundException for an unknown function or qualifier,
     *                            InvalidParameterValueException for a malformed name
     */
    public FunctionTarget resolve(String functionName, String qualifierParam) {
        if (functionName == null || functionName.isEmpty()) {
            throw LambdaApiException.invalidParameter("FunctionName is required");
        }
        String name;
        String qualifier = null;
        String[] parts = functionName.split(":", -1);
        if (functionName.startsWith("arn:")) {
            if ((parts.length != 7 && parts.length != 8) || !parts[2].equals("lambda") || !parts[5].equals("function")) {
                throw LambdaApiException.invalidParameter("FunctionName " + functionName + " is not a valid function ARN");
            }
            if (!parts[3].equals(region) || !parts[4].equals(account)) {
                throw LambdaApiException.notFound("Function not found: " + functionName
                        + " (this local service hosts region " + region + ", account " + account + ")");
            }
            name = parts[6];
            qualifier = parts.length == 8 ? parts[7] : null;
        } else if (parts.length >= 3 && parts[1].equals("function")) {
            if (parts.length > 4) {
                throw LambdaApiException.invalidParameter("FunctionName " + functionName + " is not valid");
            }
            if (!parts[0].equals(account)) {
                throw LambdaApiException.notFound("Function not found: " + functionName);
            }
            name = parts[2];
            qualifier = parts.length == 4 ? parts[3] : null;
        } else if (parts.length <= 2) {
            name = parts[0];
            qualifier = parts.length == 2 ? parts[1] : null;
        } else {
            throw LambdaApiException.invalidParameter("FunctionName " + functionName + " is not valid");
        }
        if (!NAME.matcher(name).matches()) {
            throw LambdaApiException.invalidParameter("FunctionName " + functionName + " is not valid");
        }
        if (qualifier != null && !QUALIFIER.matcher(qualifier).matches()) {
            throw LambdaApiException.invalidParameter("Qualifier " + qualifier + " is not valid");
        }
        if (qualifierParam != null && !qualifierParam.isEmpty()) {
            if (!QUALIFIER.matcher(qualifierParam).matches()) {
                throw LambdaApiException.invalidParameter("Qualifier " + qualifierParam + " is not valid");
            }
            if (qualifier != null && !qualifier.equals(qualifierParam)) {
                throw LambdaApiException.invalidParameter(
                        "The derived qualifier from the function name does not match the specified qualifier.");
            }
            qualifier = qualifierParam;
        }
        HostedFunction fn = functions.get(name);
        if (fn == null) {
            throw LambdaApiException.notFound("Function not found: arn:aws:lambda:" + region + ":" + account
                    + ":function:" + name + (qualifier == null ? "" : ":" + qualifier));
        }
        String q = qualifier;
        String version = versions.resolve(name, qualifier).orElseThrow(() ->
                LambdaApiException.notFound("Function not found: " + fn.arn() + ":" + q));
        return new FunctionTarget(fn, qualifier, version);
    }

    /**
     * Runs one invocation of {@code target}'s handler with {@code payload} and waits for it, at
     * most the function's timeout. A timed-out handler is interrupted and its instance discarded.
     * When the function already runs its concurrency limit of invocations the handler does not run
     * and the outcome is {@link InvocationOutcome#throttled() throttled}, as Lambda's 429.
     */
    public InvocationOutcome invoke(FunctionTarget target, byte[] payload, String requestId) {
        HostedFunction fn = target.function();
        if (!fn.tryStart()) {
            return InvocationOutcome.throttled(requestId, fn.name(), fn.concurrencyLimit());
        }
        try {
            return run(target, payload, requestId);
        } finally {
            fn.finished();
        }
    }

    private InvocationOutcome run(FunctionTarget target, byte[] payload, String requestId) {
        HostedFunction fn = target.function();
        if (hosting.outOfProcess(fn)) {
            if (hosting.processes() == null) {
                return new InvocationOutcome(requestId, Instant.now(), Instant.now(), null, ErrorObject.of(
                        "Runtime.InvalidRuntime", fn.name() + ": runtime " + fn.definition().runtime()
                                + " runs only in environments of its own, and this service starts none"), false);
            }
            FunctionCode code = versions.code(fn.name(), target.version());
            if (code instanceof FunctionCode.Handlers) {
                return new InvocationOutcome(requestId, Instant.now(), Instant.now(), null, ErrorObject.of(
                        "Runtime.InvalidEntrypoint", fn.name() + " version " + target.version() + ": handlers made in "
                                + "the service's JVM cannot run in an environment of their own"), false);
            }
            return limited(hosting.processes().invoke(fn, target, code, payload, requestId));
        }
        int timeoutSeconds = fn.definition().timeoutSeconds();
        Instant start = Instant.now();
        long deadline = wallClock.millis() + timeoutSeconds * 1000L;
        Object instance;
        FunctionCode code = versions.code(fn.name(), target.version());
        try {
            instance = fn.acquire(code, target.version());
        } catch (Throwable t) {
            Throwable cause = HostedFunction.unwrap(t);
            return new InvocationOutcome(requestId, start, Instant.now(), null,
                    new ErrorObject("Runtime.HandlerInitError", fn.definition().handlerClass() + ": " + describe(cause),
                            null, stackTrace(cause)), false);
        }
        LocalContext context = LocalContext.of(requestId, target, deadline, wallClock);
        Future<byte[]> future = handlerThreads.submit(() -> {
            try {
                return HostedFunction.run(instance, payload, context);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new ExecutionException(t);
            }
        });
        try {
            byte[] out = future.get(timeoutSeconds, TimeUnit.SECONDS);
            fn.release(code, instance);
            if (out.length > MAX_RESPONSE_BYTES) {
                return new InvocationOutcome(requestId, start, Instant.now(), null,
                        ErrorObject.of("Function.ResponseSizeTooLarge", "Response payload size (" + out.length
                                + " bytes) exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes)."),
                        false);
            }
            return new InvocationOutcome(requestId, start, Instant.now(), out, null, false);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new InvocationOutcome(requestId, start, Instant.now(), null,
                    ErrorObject.of("Sandbox.Timedout", "Task timed out after " + timeoutSeconds + ".00 seconds"), true);
        } catch (ExecutionException e) {
            Throwable cause = HostedFunction.unwrap(e.getCause());
            if (cause instanceof io.durablebench.locallambda.ProcessExit) {
                // the process died: its handler instance goes with it
                return new InvocationOutcome(requestId, start, Instant.now(), null, ErrorObject.of("Runtime.ExitError",
                        "RequestId: " + requestId + " Error: Runtime exited with error: exit status 1"), false);
            }
            fn.release(code, instance);
            return new InvocationOutcome(requestId, start, Instant.now(), null,
                    new ErrorObject(cause.getClass().getName(), cause.getMessage(), null, stackTrace(cause)), false);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new InvocationOutcome(requestId, start, Instant.now(), null,
                    ErrorObject.of("Runtime.Interrupted", "the service is shutting down"), false);
        }
    }

    /** Lambda's 6 MB limit on a response, for outcomes of environments of their own. */
    private static InvocationOutcome limited(InvocationOutcome o) {
        if (o.output() == null || o.output().length <= MAX_RESPONSE_BYTES) {
            return o;
        }
        return new InvocationOutcome(o.requestId(), o.start(), o.end(), null, ErrorObject.of(
                "Function.ResponseSizeTooLarge", "Response payload size (" + o.output().length
                        + " bytes) exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes)."), false);
    }

    /** The environments of the functions that run in processes of their own (empty when none do). */
    public java.util.List<io.durablebench.locallambda.runtime.EnvironmentStats> environmentStats() {
        return hosting.processes() == null ? java.util.List.of() : hosting.processes().stats();
    }

    private static String describe(Throwable t) {
        return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    static List<String> stackTrace(Throwable t) {
        List<String> out = new ArrayList<>();
        Arrays.stream(t.getStackTrace()).limit(50).forEach(e -> out.add(e.toString()));
        return out;
    }

    /** Lambda's JSON body of a function error: errorMessage, errorType, stackTrace. */
    public static byte[] functionErrorBody(ErrorObject error) {
        var n = io.durablebench.locallambda.json.Json.object();
        io.durablebench.locallambda.json.WireJson.putIfPresent(n, "errorMessage", error.errorMessage());
        io.durablebench.locallambda.json.WireJson.putIfPresent(n, "errorType", error.errorType());
        io.durablebench.locallambda.json.WireJson.putIfPresent(n, "errorData", error.errorData());
        if (error.stackTrace() != null) {
            var a = n.putArray("stackTrace");
            error.stackTrace().forEach(a::add);
        }
        return io.durablebench.locallambda.json.Json.bytes(n);
    }

    @Override
    public void close() {
        handlerThreads.shutdownNow();
    }
}
