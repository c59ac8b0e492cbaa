package io.durablebench.locallambda;

import io.durablebench.locallambda.durable.DurableService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to start a {@link LocalLambda}.
 *
 * @param template          the SAM template whose functions the service hosts
 * @param port              TCP port on 127.0.0.1; 0 picks a free one
 * @param dataDir           where executions are kept (the journal); null keeps them in memory only
 * @param extraEnvironment  variables added to every function's environment (e.g. DynamoDB/S3 endpoints)
 * @param skipTime          waits, step retry delays and invocation back-offs fire at once, the clock jumping ahead
 * @param region            the region the service stands in for
 * @param durableOptions    tunables of the durable execution service
 * @param syncInvokeLimit   how long a RequestResponse invoke of a durable function waits for the execution to end
 * @param classLoader       where handler classes are loaded from (functions hosted in this JVM)
 * @param hosting           where Java functions run: in this JVM, or in execution environments of their
 *                          own (Python functions always run in their own)
 * @param functionClassPath class path of Java environments of their own (handlers, dependencies and AWS's
 *                          runtime interface client); default: this JVM's class path
 * @param python            Python interpreter of Python environments (with awslambdaric installed)
 * @param environmentIdleTimeout how long an idle environment is kept for reuse before it is ended
 * @param environmentsPerFunction environments one function may run at once when its template reserves no
 *                          concurrency (then TooManyRequestsException); a local cap, each is a process
 * @param asyncRetryDelays  the waits before the first and the second retry of a failed asynchronous event
 *                          (default Lambda's, 1 and 2 minutes; skipped with {@code skipTime})
 * @param codes             handlers made in code that versions kept in the data directory may run, by id
 *                          (a start on a data directory whose versions name handlers not given here fails)
 */
public record LocalLambdaConfig(Path template, int port, Path dataDir, Map<String, String> extraEnvironment,
                                boolean skipTime, String region, DurableService.Options durableOptions,
                                Duration syncInvokeLimit, ClassLoader classLoader, Hosting hosting,
                                String functionClassPath, String python, Duration environmentIdleTimeout,
                                int environmentsPerFunction, java.util.List<Duration> asyncRetryDelays,
                                Map<String, io.durablebench.locallambda.function.FunctionCode.Handlers> codes) {

    /** Where Java functions run. */
    public enum Hosting {
        /** Handler instances on threads of the service's JVM: fast, no isolation (the default). */
        IN_PROCESS,
        /** Execution environments of their own: child processes through the Lambda Runtime API. */
        OWN_PROCESSES
    }

    public LocalLambdaConfig {
        extraEnvironment = Map.copyOf(extraEnvironment);
        asyncRetryDelays = java.util.List.copyOf(asyncRetryDelays);
        codes = Map.copyOf(codes);
    }

    public static Builder builder(Path template) {
        return new Builder(template);
    }

    public static final class Builder {
        private final Path template;
        private int port;
        private Path dataDir;
        private final Map<String, String> env = new LinkedHashMap<>();
        private boolean skipTime;
        private String region = "us-east-1";
        private DurableService.Options durableOptions = DurableService.Options.defaults();
        private Duration syncInvokeLimit = Duration.ofMinutes(15);
        private ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        private Hosting hosting = Hosting.IN_PROCESS;
        private String functionClassPath = System.getProperty("java.class.path");
        private String python = "python3";
        private Duration environmentIdleTimeout = Duration.ofMinutes(5);
        private int environmentsPerFunction = 8;
        private java.util.List<Duration> asyncRetryDelays =
                io.durablebench.locallambda.async.AsyncInvocations.LAMBDA_RETRY_DELAYS;
        private final Map<String, io.durablebench.locallambda.function.FunctionCode.Handlers> codes =
                new LinkedHashMap<>();

        private Builder(Path template) {
            this.template = template;
        }

        public Builder port(int v) { port = v; return this; }
        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder environment(Map<String, String> v) { env.putAll(v); return this; }
        public Builder environment(String name, String value) { env.put(name, value); return this; }
        public Builder skipTime(boolean v) { skipTime = v; return this; }
        public Builder region(String v) { region = v; return this; }
        public Builder durableOptions(DurableService.Options v) { durableOptions = v; return this; }
        public Builder syncInvokeLimit(Duration v) { syncInvokeLimit = v; return this; }
        public Builder classLoader(ClassLoader v) { classLoader = v; return this; }
        public Builder hosting(Hosting v) { hosting = v; return this; }
        public Builder functionClassPath(String v) { functionClassPath = v; return this; }
        public Builder python(String v) { python = v; return this; }
        public Builder environmentIdleTimeout(Duration v) { environmentIdleTimeout = v; return this; }
        public Builder environmentsPerFunction(int v) { environmentsPerFunction = v; return this; }
        /** The waits before retry 1 and retry 2 of a failed asynchronous event (tests: shorter than Lambda's). */
        public Builder asyncRetryDelays(Duration first, Duration second) {
            asyncRetryDelays = java.util.List.of(first, second);
            return this;
        }
        /** Handlers made in code that a version kept in the data directory runs (given again at each start). */
        public Builder code(io.durablebench.locallambda.function.FunctionCode.Handlers handlers) {
            codes.put(handlers.id(), handlers);
            return this;
        }

        public LocalLambdaConfig build() {
            if (environmentsPerFunction < 1) {
                throw new IllegalArgumentException("environmentsPerFunction must be at least 1, got "
                        + environmentsPerFunction);
            }
            return new LocalLambdaConfig(template, port, dataDir, env, skipTime, region, durableOptions,
                    syncInvokeLimit, classLoader, hosting, functionClassPath, python, environmentIdleTimeout,
                    environmentsPerFunction, asyncRetryDelays, codes);
        }
    }
}
