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
 * environment: the process environment on Lambda, or the map handed to the
 * {@code (Map<String,String>)} constructor by a local host.
 */
public abstract class DurableHandler<I, O> implements RequestStreamHandler {
    private final Map<String, String> environment;
    private final TypeToken<I> inputType;
    private volatile DurableConfig config;

    protected DurableHandler() {
        this(System.getenv());
    }

    protected DurableHandler(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.inputType = inputTypeOf(getClass());
    }

    /** For handlers whose input type cannot be read from their class (generic subclasses). */
    protected DurableHandler(Map<String, String> environment, TypeToken<I> inputType) {
        this.environment = Map.copyOf(environment);
        this.inputType = inputType;
    }

    /** The workflow. Called on every invocation of the execution; see {@link DurableContext} for the rules. */
    public abstract O handleRequest(I input, DurableContext context);

    /** Override to choose the client or serializer; called once per handler instance. */
    protected DurableConfig createConfiguration() {
        return DurableConfig.fromEnvironment(environment);
    }

    protected Map<String, String> environment() {
        return environment;
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
        InvocationMetricsLine.emit(environment.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", getClass().getSimpleName()),
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
