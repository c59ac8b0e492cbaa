package io.durablebench.support;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.metrics.InvocationLog;
import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.model.metrics.StoreMeter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Base of the project's plain (not durable) functions: the Lambda stream entry point around the
 * handler's own logic. It makes the instance's resources on first use, meters each invocation,
 * writes the answer as JSON and one {@link InvocationLog} line per invocation (also when the
 * handler throws, which Lambda then reports as the invocation's error).
 *
 * <p>It takes the raw stream rather than a POJO {@code RequestHandler} because the Java runtime's
 * POJO binding is lenient: it ignores unknown fields, coerces {@code "1"} to 1 and answers
 * malformed JSON with a stack trace. Handlers read the stream with the strict reader.
 *
 * @param <R> the function's resources ({@link FunctionInstance})
 */
public abstract class MeteredHandler<R> implements RequestStreamHandler {
    private final FunctionInstance<R> instance;
    private final SnapshotPriming priming;
    /** Set by {@link #useEnvironment}; null: the process environment. */
    private volatile FunctionEnvironment handed;

    /**
     * @param defaultName the function's name when Lambda does not give one ({@code AWS_LAMBDA_FUNCTION_NAME})
     * @param resources   makes the instance's resources from its environment, on first use
     */
    protected MeteredHandler(String defaultName, BiFunction<FunctionEnvironment, StoreMeter, R> resources) {
        this.instance = new FunctionInstance<>(
                () -> handed == null ? System.getenv() : handed.variables(), defaultName, resources);
        this.priming = SnapshotPriming.register(() -> {
            R made = instance.resources();
            prime(made);
        });
    }

    /**
     * Hands this instance its function's environment in place of the process environment, for a host
     * running several functions in one JVM (the project's local Lambda); Lambda never calls it. Call
     * it before the first invocation.
     *
     * @throws IllegalArgumentException the map is null or holds a null name or value
     * @throws IllegalStateException    the instance has read its environment already (made its
     *                                  resources or served an invocation)
     */
    public final void useEnvironment(Map<String, String> environment) {
        FunctionEnvironment checked = FunctionEnvironment.handed(environment);
        synchronized (instance) {
            if (instance.environmentRead()) {
                throw new IllegalStateException(getClass().getName() + " read its environment already (it made"
                        + " its resources or served an invocation): useEnvironment must come before the first use");
            }
            handed = checked;
        }
    }

    /** {@code handler} after {@link #useEnvironment}: for hosts and tests that make handlers in code. */
    public static <H extends MeteredHandler<?>> H withEnvironment(H handler, Map<String, String> environment) {
        handler.useEnvironment(environment);
        return handler;
    }

    /**
     * Before a SnapStart snapshot ({@link SnapshotPriming}): the instance's resources are made by
     * then; override to run a harmless request path on them (priming requests, stopped before sending).
     */
    protected void prime(R resources) {
    }

    /** The instance's SnapStart priming hook. */
    public final SnapshotPriming priming() {
        return priming;
    }

    /** Whether the instance's resources (its clients) exist yet: made by the first invocation or by priming. */
    public final boolean resourcesMade() {
        return instance.made();
    }

    /** What the handler answers: the body written to the caller, the metrics logged, the outcome named in the log. */
    public record Answer(Object body, InvocationMetrics metrics, String outcome) {
    }

    /** The function's logic for one invocation. */
    protected abstract Answer handle(InputStream input, R resources, InvocationMeter invocation, Context context)
            throws IOException;

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        R resources = instance.resources();
        InvocationMeter invocation = instance.startInvocation(context);
        Answer answer;
        try {
            answer = handle(input, resources, invocation, context);
        } catch (RuntimeException | Error fault) {
            InvocationLog.emit(invocation.metrics(), "error: " + fault.getClass().getSimpleName());
            throw fault;
        }
        InvocationLog.emit(answer.metrics(), answer.outcome());
        output.write(StrictJson.writeBytes(answer.body()));
    }
}
