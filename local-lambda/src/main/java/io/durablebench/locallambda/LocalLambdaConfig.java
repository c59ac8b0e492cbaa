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
 * @param classLoader       where handler classes are loaded from
 */
public record LocalLambdaConfig(Path template, int port, Path dataDir, Map<String, String> extraEnvironment,
                                boolean skipTime, String region, DurableService.Options durableOptions,
                                Duration syncInvokeLimit, ClassLoader classLoader) {

    public LocalLambdaConfig {
        extraEnvironment = Map.copyOf(extraEnvironment);
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

        public LocalLambdaConfig build() {
            return new LocalLambdaConfig(template, port, dataDir, env, skipTime, region, durableOptions,
                    syncInvokeLimit, classLoader);
        }
    }
}
