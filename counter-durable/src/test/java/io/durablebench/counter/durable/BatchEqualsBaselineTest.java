package io.durablebench.counter.durable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.local.LocalAws;
import io.durablebench.locallambda.LocalLambda;
import io.durablebench.model.counter.CounterOperation;
import io.durablebench.model.counter.CounterOperationType;
import io.durablebench.model.counter.CounterRequest;
import io.durablebench.model.json.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Batch mode on durable execution answers exactly like the DynamoDB baseline: both functions hosted
 * by the local Lambda from the real template (the baseline on DynamoDB Local), 50 random operation lists.
 */
class BatchEqualsBaselineTest {
    static LocalAws aws;
    static LocalLambda lambda;
    static LambdaClient client;
    static final AtomicInteger COUNTERS = new AtomicInteger();

    @BeforeContainer
    static void start() {
        aws = LocalAws.start(LocalLambdaSupport.template());
        lambda = LocalLambdaSupport.start(aws.environmentOf("CounterBaselineFunction"));
        client = LocalLambdaSupport.client(lambda.endpoint());
    }

    @AfterContainer
    static void stop() {
        client.close();
        lambda.close();
        aws.close();
    }

    @Provide
    Arbitrary<List<CounterOperation>> operations() {
        Arbitrary<CounterOperationType> type = Arbitraries.of(CounterOperationType.class);
        Arbitrary<Long> amount = Arbitraries.longs().between(1, CounterOperation.MAX_AMOUNT);
        return Combinators.combine(type, amount).as((t, a) -> t).list().ofMinSize(1).ofMaxSize(12)
                .flatMap(types -> amount.list().ofSize(types.size()).map(amounts -> {
                    List<CounterOperation> ops = new ArrayList<>();
                    for (int i = 0; i < types.size(); i++) {
                        String id = "op-" + i;
                        ops.add(types.get(i) == CounterOperationType.READ ? CounterOperation.read(id)
                                : new CounterOperation(id, types.get(i), amounts.get(i)));
                    }
                    return ops;
                }));
    }

    @Property(tries = 50)
    void batchModeEqualsTheBaseline(@ForAll("operations") List<CounterOperation> ops) {
        String counterId = "prop-" + COUNTERS.incrementAndGet();
        String request = new CounterRequest(counterId, ops).toJson();
        JsonNode baseline = invoke("CounterBaselineFunction", request);
        JsonNode durable = invoke("CounterDurableFunction:live", request);
        assertThat(durable.get("finalValue")).isEqualTo(baseline.get("finalValue"));
        assertThat(durable.get("results")).isEqualTo(baseline.get("results"));
        assertThat(baseline.get("metrics").get("coordination").get("calls").asLong()).isPositive();
        assertThat(durable.get("metrics").get("coordination").get("calls").asLong()).isZero();
        assertThat(durable.get("metrics").get("durable").get("executedOperations").asLong()).isEqualTo(ops.size());
    }

    static JsonNode invoke(String function, String payload) {
        InvokeResponse r = client.invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        return StrictJson.parse(r.payload().asUtf8String());
    }
}
