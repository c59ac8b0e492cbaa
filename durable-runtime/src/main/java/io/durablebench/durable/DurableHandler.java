package io.durablebench.durable;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.durablebench.durable.execution.DurableExecutor;
import io.durablebench.durable.execution.InvocationMetricsLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * Base class of a durable function: implement {@link #handleRequest(Object, DurableContext)}.
 * Lambda calls the stream entry point with the durable invocation event; this class runs the
 * handler with replay and checkpointing and answers SUCCEEDED, FAILED or PENDING.
 *
 * <pre>{@code
 * public class OrderHandler extends DurableHandler<Order, Receipt> {
 *     public Receipt handleRequest(Order order, DurableContext ctx) {
 *         Payment p = ctx.step("charge", Payment.class, () -> payments.charge(order));
 *         ctx.wait("cool-off", Duration.ofMinutes(5));
 *         return ctx.step("ship", Receipt.class, () -> shipping.ship(order, p));
 *     }
 * }
 * }</pre>
 *
 * <p>The input type is read from the class's type argument. Configuration (the service client,
 * serialization) comes from {@link #createConfiguration()}, by default built from the function's
 * environment. A handler has only the no-argument constructor Lambda calls; its environment is the
 * process environment, unless a host that runs several functions in one process (the project's
 * local Lambda) hands the instance its function's own variables with {@link #useEnvironment}
 * before the first invocation (docs/adr/0015-environment-handed-by-the-host.md).
 */
public abstract class DurableHandler<I, O> implements RequestStreamHandler {
    private final TypeToken<I> inputType;
    /** Set by {@link #useEnvironment}; null: the process environment. Guarded by {@code this}. */
    private Map<String, String> handedEnvironment;
    /** Whether the environment was read (configuration made, invocation served). Guarded by {@code this}. */
    private boolean environmentRead;
    private volatile DurableConfig config;

    protected DurableHandler() {
        this.inputType = inputTypeOf(getClass());
    }

    /** For handlers whose input type cannot be read from their class (generic subclasses). */
    protected DurableHandler(TypeToken<I> inputType) {
        this.inputType = inputType;
    }

    /**
     * Hands this instance its function's environment in place of the process environment: for a host
     * that runs several functions in one process, where {@code System.getenv} cannot be each
     * function's own. Call it before the first invocation; Lambda never calls it.
     *
     * @throws IllegalArgumentException the map is null, or a variable's name or value is null
     * @throws IllegalStateException    the instance has read its environment already (made its
     *                                  configuration or resources, or served an invocation)
     */
    public final void useEnvironment(Map<String, String> environment) {
        if (environment == null) {
            throw new IllegalArgumentException(getClass().getName()
                    + ": useEnvironment needs the function's variables, got null (an empty map means none)");
        }
        environment.forEach((name, value) -> {
            if (name == null || value == null) {
                throw new IllegalArgumentException(getClass().getName() + ": environment variable " + name
                        + " has a null " + (name == null ? "name" : "value"));
            }
        });
        Map<String, String> copy = Map.copyOf(environment);
        synchronized (this) {
            if (environmentRead) {
                throw new IllegalStateException(getClass().getName() + ": useEnvironment after the instance has read"
                        + " its environment (made its configuration or served an invocation); hand it first");
            }
            handedEnvironment = copy;
        }
    }

    /** Returns the given handler after {@link #useEnvironment} on it: for hosts and tests that make handlers in code. */
    public static <H extends DurableHandler<?, ?>> H withEnvironment(H handler, Map<String, String> environment) {
        handler.useEnvironment(environment);
        return handler;
    }

    /** The workflow. Called on every invocation of the execution; see {@link DurableContext} for the rules. */
    public abstract O handleRequest(I input, DurableContext context);

    /** Override to choose the client or serializer; called once per handler instance. */
    protected DurableConfig createConfiguration() {
        return DurableConfig.fromEnvironment(environment());
    }

    /**
     * The function's environment: the one handed by {@link #useEnvironment}, else the process's. Read
     * it at first use (not in a constructor): once read, no other can be handed.
     */
    protected final synchronized Map<String, String> environment() {
        environmentRead = true;
        return handedEnvironment != null ? handedEnvironment : System.getenv();
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        DurableConfig c = config;
        if (c == null) {
            synchronized (this) {
                if (config == null) {
                    config = createConfiguration();
                }
                c = config;
            }
        }
        long started = System.nanoTime();
        DurableExecutor.Result result = DurableExecutor.run(input, context, c, inputType, this::handleRequest);
        InvocationMetricsLine.emit(environment().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", getClass().getSimpleName()),
                context == null ? null : context.getAwsRequestId(), result, (System.nanoTime() - started) / 1e6);
        output.write(result.output());
    }

    @SuppressWarnings("unchecked")
    private static <I> TypeToken<I> inputTypeOf(Class<?> handlerClass) {
        Class<?> c = handlerClass;
        while (c != null && c.getSuperclass() != DurableHandler.class) {
            c = c.getSuperclass();
        }
        if (c == null) {
            throw new IllegalStateException(handlerClass + " does not extend DurableHandler");
        }
        Type t = c.getGenericSuperclass();
        if (!(t instanceof ParameterizedType p)) {
            throw new IllegalStateException(c + " must extend DurableHandler<Input, Output> with concrete types");
        }
        return (TypeToken<I>) TypeToken.ofType(p.getActualTypeArguments()[0]);
    }
}
