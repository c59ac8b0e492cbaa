package io.durablebench.locallambda;

import io.durablebench.local.template.SamTemplate;
import io.durablebench.locallambda.api.LambdaApi;
import io.durablebench.locallambda.async.AsyncInvocations;
import io.durablebench.locallambda.api.LambdaHttpServer;
import io.durablebench.locallambda.durable.DurableService;
import io.durablebench.locallambda.durable.ServiceClock;
import io.durablebench.locallambda.function.FunctionCode;
import io.durablebench.locallambda.function.FunctionHost;
import io.durablebench.locallambda.function.FunctionVersions;
import io.durablebench.locallambda.function.HostedFunction;
import io.durablebench.locallambda.store.FileJournal;
import io.durablebench.locallambda.store.Journal;
import io.durablebench.locallambda.store.MemoryJournal;
import io.durablebench.locallambda.function.FunctionHosting;
import io.durablebench.locallambda.runtime.EnvironmentRecords;
import io.durablebench.locallambda.runtime.EnvironmentStats;
import io.durablebench.locallambda.runtime.FunctionProcesses;
import io.durablebench.locallambda.runtime.RuntimeLauncher;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A local Lambda service on 127.0.0.1 hosting a SAM template's functions (in this process, or in
 * execution environments of their own through the Lambda Runtime API), with
 * durable executions kept in a journal under the data directory.
 *
 * <pre>{@code
 * try (LocalLambda lambda = LocalLambda.start(LocalLambdaConfig.builder(Path.of("template.yaml")).build())) {
 *     LambdaClient client = LambdaClient.builder().endpointOverride(lambda.endpoint())...build();
 * }
 * }</pre>
 */
public final class LocalLambda implements AutoCloseable {
    private final Parts parts;
    /** The task roots' folder when there is no data directory: made on first use, removed on close. */
    private final Path ownScratch;

    /** The running service's parts, in the order they are closed. */
    private record Parts(LambdaHttpServer server, DurableService durable, AsyncInvocations asyncInvokes,
                         FunctionProcesses processes, FunctionHost host, Journal journal) {
    }

    private LocalLambda(Parts parts, Path ownScratch) {
        this.parts = parts;
        this.ownScratch = ownScratch;
    }

    /**
     * Reads the template, opens the data directory (recovering and resuming every execution in
     * it), and starts serving.
     */
    public static LocalLambda start(LocalLambdaConfig config) {
        SamTemplate template = SamTemplate.load(config.template());
        LambdaHttpServer server = LambdaHttpServer.bind(config.port());
        Journal journal = null;
        FunctionHost host = null;
        FunctionProcesses processes = null;
        AsyncInvocations asyncInvokes = null;
        Path ownScratch = config.dataDir() != null ? null
                : Path.of(System.getProperty("java.io.tmpdir"), "local-lambda-task-" + java.util.UUID.randomUUID());
        try {
            processes = processes(config, ownScratch != null ? ownScratch : config.dataDir().resolve("task"));
            host = new FunctionHost(template, config.region(), config.extraEnvironment(),
                    server.endpoint().toString(), config.classLoader(), FunctionHost.DEFAULT_CONCURRENCY,
                    new FunctionHosting(processes, config.hosting() == LocalLambdaConfig.Hosting.OWN_PROCESSES,
                            config.environmentsPerFunction()));
            if (config.dataDir() != null) {
                // before recovery: an execution resumes on the code of the version it started on
                host.versions().keepIn(config.dataDir().resolve("versions.json"), config.codes());
            }
            journal = config.dataDir() == null ? new MemoryJournal() : FileJournal.open(config.dataDir());
            ServiceClock clock = new ServiceClock(config.skipTime());
            DurableService durable = new DurableService(host, journal, clock, config.durableOptions());
            asyncInvokes = new AsyncInvocations(host, template, config.dataDir(), clock, config.asyncRetryDelays());
            durable.recover();
            int queued = asyncInvokes.recover();
            if (queued > 0) {
                System.out.println("local-lambda: " + queued + " asynchronous event(s) of an earlier run queued again");
            }
            server.start(new LambdaApi(host, durable, journal, config.syncInvokeLimit(), asyncInvokes));
            return new LocalLambda(new Parts(server, durable, asyncInvokes, processes, host, journal), ownScratch);
        } catch (RuntimeException e) {
            closeAll(server, asyncInvokes, processes, journal, host);
            deleteTree(ownScratch);
            throw e;
        }
    }

    /**
     * The host of environments of their own: first ends the environments a killed predecessor left
     * running (their process ids are recorded under the data directory).
     */
    private static FunctionProcesses processes(LocalLambdaConfig config, Path scratch) {
        EnvironmentRecords records = new EnvironmentRecords(
                config.dataDir() == null ? null : config.dataDir().resolve("environments"));
        List<Long> leftovers = records.endLeftovers();
        if (!leftovers.isEmpty()) {
            System.out.println("local-lambda: ended " + leftovers.size() + " execution environment(s) left by an "
                    + "earlier run: " + leftovers);
        }
        Path templateDir = config.template().toAbsolutePath().getParent();
        return new FunctionProcesses(new RuntimeLauncher(config.functionClassPath(), config.python(), templateDir,
                scratch), records, config.environmentIdleTimeout(), System.out);
    }

    /** Removes a folder and what it holds; nothing when it is null or was never made. */
    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.out.println("local-lambda: could not remove " + dir + ": " + e);
        }
    }

    /** The execution environments of the functions that run in processes of their own. */
    public List<EnvironmentStats> environments() {
        return parts.processes().stats();
    }

    /**
     * Hosts a function built in code rather than read from the template (tests, embedders): one
     * handler instance from {@code handlers} per concurrently running invocation. A durable function
     * (non-null {@code durable}) is invoked qualified, {@code name:$LATEST}.
     */
    public void register(String name, java.util.function.Supplier<? extends com.amazonaws.services.lambda.runtime.RequestStreamHandler> handlers,
                         io.durablebench.local.template.DurableSettings durable, int timeoutSeconds) {
        parts.host().register(new io.durablebench.local.template.FunctionDefinition(name, "(registered in code)", "", "java17",
                timeoutSeconds, 1024, java.util.Map.of(), java.util.Optional.ofNullable(durable), java.util.Optional.empty(),
                java.util.List.of(), java.util.Map.of()), handlers);
    }

    /**
     * UpdateFunctionCode: {@code $LATEST} of {@code function} runs {@code code} from now on; published
     * versions keep theirs (and so do the durable executions pinned to them).
     */
    public FunctionVersions.Version updateFunctionCode(String function, FunctionCode code) {
        return parts.host().updateCode(function, code);
    }

    /** PublishVersion: {@code $LATEST}'s code as the function's next version. */
    public FunctionVersions.Version publishVersion(String function, String description) {
        return parts.host().versions().publish(function, description, null);
    }

    /**
     * What {@code sam deploy} does for a function with {@code AutoPublishAlias} whose code changed:
     * the new code to {@code $LATEST}, a new version of it, and the alias moved to that version
     * (executions already running stay on the version they started on).
     *
     * @throws IllegalArgumentException when the function has no AutoPublishAlias
     */
    public FunctionVersions.Version deploy(String function, FunctionCode code) {
        HostedFunction fn = parts.host().functions().get(function);
        if (fn == null) {
            throw new IllegalArgumentException("no function " + function);
        }
        String alias = fn.definition().autoPublishAlias().orElseThrow(() -> new IllegalArgumentException(function
                + " has no AutoPublishAlias: use updateFunctionCode and publishVersion"));
        parts.host().updateCode(function, code);
        FunctionVersions.Version v = parts.host().versions().publish(function, null, null);
        parts.host().versions().updateAlias(function, alias, v.number(), null, null);
        return v;
    }

    /** The environment every hosted function gets from this service (endpoint, region, credentials, extras). */
    public java.util.Map<String, String> baseEnvironment(String functionName) {
        return parts.host().functions().get(functionName).environment();
    }

    /** The service's URL, for {@code endpointOverride} and {@code AWS_ENDPOINT_URL_LAMBDA}. */
    public URI endpoint() {
        return parts.server().endpoint();
    }

    public DurableService durable() {
        return parts.durable();
    }

    public Journal journal() {
        return parts.journal();
    }

    @Override
    public void close() {
        closeAll(parts.server(), parts.durable(), parts.asyncInvokes(), parts.processes(), parts.host(), parts.journal());
        deleteTree(ownScratch);
    }

    /** Closes {@code parts} in order, passing over the ones not made (null); stops at the first that throws. */
    private static void closeAll(AutoCloseable... parts) {
        for (AutoCloseable part : parts) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
