package io.durablebench.durable.testing.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.durable.DurableConfig;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.DurableFuture;
import io.durablebench.durable.DurableHandler;
import io.durablebench.durable.RuntimeMetricsSnapshot;
import io.durablebench.durable.client.DurableExecutionClient;
import io.durablebench.durable.client.SdkCallTimings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.lambda.model.OperationAction;
import software.amazon.awssdk.services.lambda.model.OperationType;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;

/**
 * The three durable functions the overhead benchmark runs, each timing itself from the inside (so
 * the invoke path and the client's polling are not in the figures).
 */
final class OverheadFunctions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OverheadFunctions() {
    }

    /** {@code calls} bare checkpoint round trips: their total time and the AWS SDK's stages. */
    record BareSample(int calls, long totalNanos, long marshallingNanos, long signingNanos, long httpNanos,
                      long unmarshallingNanos) {
    }

    /** {@code steps} steps one after the other, timed in the handler, and the invocation's metrics at the end. */
    record StepsSample(int steps, long elapsedNanos, RuntimeMetricsSnapshot metrics) {
    }

    /**
     * Not a durable handler: a function of the durable protocol's bare minimum. It takes the event's
     * token and makes {@code n} checkpoint calls one after the other through the same client class
     * and configuration the runtime uses, each carrying what a step needs (its START and its SUCCEED
     * with a small result), each with the token the previous answer returned, and times each call.
     */
    static final class BareCheckpoints implements RequestStreamHandler {
        private final DurableExecutionClient client;

        BareCheckpoints(Map<String, String> env) {
            this.client = DurableConfig.fromEnvironment(env).client();
        }

        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            JsonNode event = JSON.readTree(input);
            String arn = event.get("DurableExecutionArn").asText();
            String token = event.get("CheckpointToken").asText();
            JsonNode execution = event.get("InitialExecutionState").get("Operations").get(0);
            int n = Integer.parseInt(execution.get("ExecutionDetails").get("InputPayload").asText());
            long total = 0;
            long marshalling = 0;
            long signing = 0;
            long http = 0;
            long unmarshalling = 0;
            for (int i = 0; i < n; i++) {
                String id = "bare-" + i;
                List<OperationUpdate> updates = List.of(
                        OperationUpdate.builder().id(id).name("s" + i).type(OperationType.STEP).subType("Step")
                                .action(OperationAction.START).build(),
                        OperationUpdate.builder().id(id).name("s" + i).type(OperationType.STEP).subType("Step")
                                .action(OperationAction.SUCCEED).payload(Integer.toString(i)).build());
                long started = System.nanoTime();
                token = client.checkpoint(arn, token, updates).checkpointToken();
                total += System.nanoTime() - started;
                SdkCallTimings t = client.lastCallTimings();
                marshalling += t.marshallingNanos();
                signing += t.signingNanos();
                http += t.httpNanos();
                unmarshalling += t.unmarshallingNanos();
            }
            String result = JSON.writeValueAsString(new BareSample(n, total, marshalling, signing, http, unmarshalling));
            ObjectNode out = JSON.createObjectNode().put("Status", "SUCCEEDED").put("Result", result);
            output.write(JSON.writeValueAsBytes(out));
        }
    }

    /** {@code n} steps run by {@link #steps}, timed from the first step started to the last step done. */
    abstract static class TimedSteps extends DurableHandler<Integer, StepsSample> {
        @Override
        public final StepsSample handleRequest(Integer n, DurableContext ctx) {
            long started = System.nanoTime();
            steps(n, ctx);
            return new StepsSample(n, System.nanoTime() - started, ctx.getInvocationMetrics());
        }

        abstract void steps(int n, DurableContext ctx);
    }

    /** {@code n} steps one after the other, the way a workflow's sequential part runs. */
    static final class SequentialSteps extends TimedSteps {
        @Override
        void steps(int n, DurableContext ctx) {
            for (int i = 0; i < n; i++) {
                int v = i;
                ctx.step("s" + i, Integer.class, () -> v);
            }
        }
    }

    /** {@code n} steps started at once with {@code stepAsync}, then all awaited. */
    static final class ConcurrentSteps extends TimedSteps {
        @Override
        void steps(int n, DurableContext ctx) {
            List<DurableFuture<Integer>> futures = IntStream.range(0, n)
                    .mapToObj(i -> ctx.stepAsync("a" + i, Integer.class, step -> i)).toList();
            futures.forEach(DurableFuture::get);
        }
    }
}
