package io.durablebench.support;

import com.amazonaws.services.lambda.runtime.Context;
import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.metrics.StoreMeter;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * One instance of a function (a Lambda execution environment): its environment, its name, its
 * store meter and its resources (clients, tables, pipeline), made once on first use and shared by
 * the invocations that follow, which the instance runs one at a time. The environment too is read
 * at first use, so a host can hand the handler its function's own before the first invocation.
 *
 * @param <R> the function's resources
 */
public final class FunctionInstance<R> {
    private final Supplier<Map<String, String>> source;
    private final String defaultName;
    private final StoreMeter meter = new StoreMeter();
    private final BiFunction<FunctionEnvironment, StoreMeter, R> factory;
    private FunctionEnvironment environment; // guarded by this
    private R resources;
    private volatile boolean made;

    /**
     * @param environment where the function's variables come from, asked once, at first use (the
     *                    process environment on Lambda, the template's on the local Lambda)
     * @param defaultName its name when Lambda does not give one ({@code AWS_LAMBDA_FUNCTION_NAME})
     * @param factory     makes the resources, with every client on {@code meter}
     */
    public FunctionInstance(Supplier<Map<String, String>> environment, String defaultName,
                            BiFunction<FunctionEnvironment, StoreMeter, R> factory) {
        this.source = environment;
        this.defaultName = defaultName;
        this.factory = factory;
    }

    /** The function's variables, read from the source by the first call. */
    public synchronized FunctionEnvironment environment() {
        if (environment == null) {
            environment = new FunctionEnvironment(source.get());
        }
        return environment;
    }

    /** Whether {@link #environment()} has read the variables (from then on they are the instance's for good). */
    public synchronized boolean environmentRead() {
        return environment != null;
    }

    public String name() {
        return environment().functionName(defaultName);
    }

    /** The resources, made by the first call (null for a function that needs none). */
    public R resources() {
        if (!made) {
            synchronized (this) {
                if (!made) {
                    resources = factory.apply(environment(), meter);
                    made = true; // the volatile write publishes the resources to later readers
                }
            }
        }
        return resources;
    }

    /** Whether {@link #resources()} has made them. */
    public boolean made() {
        return made;
    }

    /** Starts metering an invocation; {@code lambdaContext} may be null (a direct call in a test). */
    public InvocationMeter startInvocation(Context lambdaContext) {
        String requestId = lambdaContext == null ? "local-" + UUID.randomUUID() : lambdaContext.getAwsRequestId();
        return InvocationMeter.start(name(), requestId, meter);
    }
}
