package io.durablebench.counter.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.durablebench.model.FunctionError;
import io.durablebench.model.aws.AwsClients;
import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.counter.CounterRequest;
import io.durablebench.model.counter.CounterResponse;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.metrics.InvocationLog;
import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.model.metrics.StoreMeter;
import io.durablebench.model.metrics.StoreMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of the counter baseline: reads a {@link CounterRequest}, applies it with
 * {@link CounterLedger} and answers a {@link CounterResponse} with the DynamoDB calls it took.
 *
 * <p>It takes the raw stream (not a POJO {@code RequestHandler}) because the Lambda Java runtime's
 * POJO binding is lenient: it ignores unknown fields, coerces {@code "1"} to 1 and answers malformed
 * JSON with a stack trace. Here every bad request is refused with the field it is about and nothing
 * is written. Failures of DynamoDB itself are thrown, so Lambda's retries (safe: the ledger is
 * exactly-once) get a chance.
 *
 * <p>Environment: {@code COUNTER_TABLE} (the table's name), plus the standard AWS variables.
 */
public final class CounterBaselineHandler implements RequestStreamHandler {
    static final String DEFAULT_NAME = "CounterBaselineFunction";

    private final StoreMeter meter = new StoreMeter();
    private final CounterLedger ledger;
    private final String functionName;

    /** Used by Lambda. */
    public CounterBaselineHandler() {
        this(FunctionEnvironment.fromProcess());
    }

    /** Used by the project's local Lambda, which hands each function its own environment. */
    public CounterBaselineHandler(Map<String, String> environment) {
        this(new FunctionEnvironment(environment));
    }

    private CounterBaselineHandler(FunctionEnvironment env) {
        DynamoDbClient dynamoDb = AwsClients.build(DynamoDbClient.builder(), "DYNAMODB", env, meter);
        this.ledger = new CounterLedger(dynamoDb, env.require("COUNTER_TABLE"), Clock.systemUTC());
        this.functionName = env.functionName(DEFAULT_NAME);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long started = System.nanoTime();
        StoreMetrics before = meter.snapshot(StoreMeter.DYNAMODB);
        String requestId = context == null ? "local" : context.getAwsRequestId();
        CounterResponse response;
        String outcome;
        try {
            CounterRequest request = CounterRequest.fromJson(StrictJson.parse(input));
            CounterLedger.Outcome applied = ledger.apply(request);
            response = CounterResponse.ok(request.counterId(), applied.finalValue(), applied.results(),
                    metrics(requestId, started, before));
            outcome = "ok";
        } catch (InvalidInputException bad) {
            response = CounterResponse.failed(FunctionError.of(bad), metrics(requestId, started, before));
            outcome = "invalid-input";
        } catch (RuntimeException fault) {
            InvocationLog.emit(metrics(requestId, started, before), "error: " + fault.getClass().getSimpleName());
            throw fault;
        }
        InvocationLog.emit(response.metrics(), outcome);
        output.write(StrictJson.writeBytes(response));
    }

    private InvocationMetrics metrics(String requestId, long startedNanos, StoreMetrics before) {
        double ms = (System.nanoTime() - startedNanos) / 1e6;
        return new InvocationMetrics(functionName, requestId, ms,
                meter.snapshot(StoreMeter.DYNAMODB).minus(before), StoreMetrics.NONE, null);
    }
}
