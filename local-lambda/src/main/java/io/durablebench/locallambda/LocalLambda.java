package io.durablebench.locallambda;

import io.durablebench.local.template.SamTemplate;
import io.durablebench.locallambda.api.LambdaApi;
import io.durablebench.locallambda.api.LambdaHttpServer;
import io.durablebench.locallambda.durable.DurableService;
import io.durablebench.locallambda.durable.ServiceClock;
import io.durablebench.locallambda.function.FunctionHost;
import io.durablebench.locallambda.store.FileJournal;
import io.durablebench.locallambda.store.Journal;
import io.durablebench.locallambda.store.MemoryJournal;
import io.durablebench.locallambda.function.FunctionHosting;
import io.durablebench.locallambda.runtime.EnvironmentRecords;
import io.durablebench.locallambda.runtime.EnvironmentStats;
import io.durablebench.locallambda.runtime.FunctionProcesses;
import io.durablebench.locallambda.runtime.RuntimeLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
    private final LambdaHttpServer server;
    private final FunctionHost host;
    private final DurableService durable;
    private final Journal journal;
    private final ExecutorService asyncInvokes;
    private final FunctionProcesses processes;

    private LocalLambda(LambdaHttpServer server, FunctionHost host, DurableService durable, Journal journal,
                        ExecutorService asyncInvokes, FunctionProcesses processes) {
        this.server = server;
        this.host = host;
        this.durable = durable;
        this.journal = journal;
        this.asyncInvokes = asyncInvokes;
        this.processes = processes;
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
        try {
            processes = processes(config);
            host = new FunctionHost(template, config.region(), config.extraEnvironment(),
                    server.endpoint().toString(), config.classLoader(), FunctionHost.DEFAULT_CONCURRENCY,
                    new FunctionHosting(processes, config.hosting() == LocalLambdaConfig.Hosting.OWN_PROCESSES,
                            config.environmentsPerFunction()));
            journal = config.dataDir() == null ? new MemoryJournal() : FileJournal.open(config.dataDir());
            DurableService durable = new DurableService(host, journal, new ServiceClock(config.skipTime()),
                    config.durableOptions());
            ExecutorService asyncInvokes = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "local-lambda-event-invoke");
                t.setDaemon(true);
                return t;
            });
            durable.recover();
            server.start(new LambdaApi(host, durable, journal, config.syncInvokeLimit(), asyncInvokes));
            return new LocalLambda(server, host, durable, journal, asyncInvokes, processes);
        } catch (RuntimeException e) {
            server.close();
            if (processes != null) {
                processes.close();
            }
            if (journal != null) {
                journal.close();
            }
            if (host != null) {
                host.close();
            }
            throw e;
        }
    }

    /**
     * The host of environments of their own: first ends the environments a killed predecessor left
     * running (their process ids are recorded under the data directory).
     */
    private static FunctionProcesses processes(LocalLambdaConfig config) {
        EnvironmentRecords records = new EnvironmentRecords(
                config.dataDir() == null ? null : config.dataDir().resolve("environments"));
        List<Long> leftovers = records.endLeftovers();
        if (!leftovers.isEmpty()) {
            System.out.println("local-lambda: ended " + leftovers.size() + " execution environment(s) left by an "
                    + "earlier run: " + leftovers);
        }
        Path scratch;
        try {
            scratch = config.dataDir() != null ? config.dataDir().resolve("task")
                    : Files.createTempDirectory("local-lambda-task");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path templateDir = config.template().toAbsolutePath().getParent();
        return new FunctionProcesses(new RuntimeLauncher(config.functionClassPath(), config.python(), templateDir,
                scratch), records, config.environmentIdleTimeout(), System.out);
    }

    /** The execution environments of the functions that run in processes of their own. */
    public List<EnvironmentStats> environments() {
        return processes.stats();
    }

    /**
     * Hosts a function built in code rather than read from the template (tests, embedders): one
     * handler instance from {@code handlers} per concurrently running invocation. A durable function
     * (non-null {@code durable}) is invoked qualified, {@code name:$LATEST}.
     */
    public void register(String name, java.util.function.Supplier<? extends com.amazonaws.services.lambda.runtime.RequestStreamHandler> handlers,
                         io.durablebench.local.template.DurableSettings durable, int timeoutSeconds) {
        host.register(new io.durablebench.local.template.FunctionDefinition(name, "(registered in code)", "", "java17",
                timeoutSeconds, 1024, java.util.Map.of(), java.util.Optional.ofNullable(durable), java.util.Optional.empty(),
                java.util.List.of(), java.util.Map.of()), handlers);
    }

    /** The environment every hosted function gets from this service (endpoint, region, credentials, extras). */
    public java.util.Map<String, String> baseEnvironment(String functionName) {
        return host.functions().get(functionName).environment();
    }

    /** The service's URL, for {@code endpointOverride} and {@code AWS_ENDPOINT_URL_LAMBDA}. */
    public URI endpoint() {
        return server.endpoint();
    }

    public DurableService durable() {
        return durable;
    }

    public Journal journal() {
        return journal;
    }

    @Override
    public void close() {
        server.close();
        durable.close();
        asyncInvokes.shutdownNow();
        processes.close();
        host.close();
        journal.close();
    }
}
