package io.durablebench.counter.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import io.durablebench.model.FunctionError;
import io.durablebench.model.aws.AwsClients;
import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.counter.CounterRequest;
import io.durablebench.model.counter.CounterResponse;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.StrictJson;
import io.durablebench.model.metrics.StoreMeter;
import io.durablebench.support.InvocationMeter;
import io.durablebench.support.MeteredHandler;
import java.io.InputStream;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of the counter baseline: reads a {@link CounterRequest}, applies it with
 * {@link CounterLedger} and answers a {@link CounterResponse} with the DynamoDB calls it took.
 *
 * <p>Every bad request is refused with the field it is about and nothing is written (the stream is
 * read strictly, see {@link MeteredHandler}). Failures of DynamoDB itself are thrown, so Lambda's
 * retries (safe: the ledger is exactly-once) get a chance.
 *
 * <p>Environment: {@code COUNTER_TABLE} (the table's name), plus the standard AWS variables.
 */
public final class CounterBaselineHandler extends MeteredHandler<CounterLedger> {
    static final String DEFAULT_NAME = "CounterBaselineFunction";

    public CounterBaselineHandler() {
        super(DEFAULT_NAME, CounterBaselineHandler::ledger);
    }

    private static CounterLedger ledger(FunctionEnvironment env, StoreMeter meter) {
        DynamoDbClient dynamoDb = AwsClients.build(DynamoDbClient.builder(), "DYNAMODB", env, meter);
        return new CounterLedger(dynamoDb, env.require("COUNTER_TABLE"), Clock.systemUTC());
    }

    /** Before a SnapStart snapshot: the ledger's calls primed, a request decoded and an answer encoded. */
    @Override
    protected void prime(CounterLedger ledger) {
        ledger.prime();
        CounterRequest.primeJson();
    }

    @Override
    protected Answer handle(InputStream input, CounterLedger ledger, InvocationMeter invocation, Context context) {
        try {
            CounterRequest request = CounterRequest.fromJson(StrictJson.parse(input));
            CounterLedger.Outcome applied = ledger.apply(request);
            CounterResponse ok = CounterResponse.ok(request.counterId(), applied.finalValue(), applied.results(),
                    invocation.metrics());
            return new Answer(ok, ok.metrics(), "ok");
        } catch (InvalidInputException bad) {
            CounterResponse refused = CounterResponse.failed(FunctionError.of(bad), invocation.metrics());
            return new Answer(refused, refused.metrics(), "invalid-input");
        }
    }
}
