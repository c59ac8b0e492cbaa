package io.durablebench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.counter.CounterOperation;
import io.durablebench.model.counter.CounterRequest;
import io.durablebench.model.json.StrictJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.lambda.model.Execution;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * The durable counter in batch mode ({@code CounterDurableFunction}): one request of increments
 * with a read in the middle, each operation a durable step, started asynchronously under a durable
 * execution name; after a crash the same request is delivered again under the same name (as
 * Lambda's async retry would), which attaches to the execution and waits for its answer.
 *
 * <p>Duplicated completed steps: the steps are pure, so a completed step run again is seen as the
 * service recording it again (a second StepSucceeded) or refusing the repeated checkpoint
 * (RejectedCheckpointCalls); both are counted.
 */
public record CounterBatchWorkflow(int increments) implements DurableWorkflow {
    static final String FUNCTION = "CounterDurableFunction";

    @Override
    public String name() {
        return "counter batch (durable, " + increments + " increments + 1 read)";
    }

    @Override
    public String executionPrefix(String runId) {
        return "cb-" + runId + "-";
    }

    private String request(String runId) {
        List<CounterOperation> ops = new ArrayList<>();
        for (int i = 1; i <= increments; i++) {
            ops.add(CounterOperation.increment("op-" + i, 1));
            if (i == increments / 2) {
                ops.add(CounterOperation.read("read-" + i));
            }
        }
        return StrictJson.write(new CounterRequest(runId, ops));
    }

    @Override
    public Run begin(CrashBed bed, String runId) {
        String name = executionPrefix(runId) + "x";
        String payload = request(runId);
        try {
            bed.lambda().invoke(b -> b.functionName(FUNCTION + ":live").invocationType(InvocationType.EVENT)
                    .durableExecutionName(name).payload(SdkBytes.fromUtf8String(payload)));
        } catch (SdkClientException cut) {
            // the service halted while answering: the re-delivery in finish() starts or attaches
        }
        return new Run() {
            @Override
            public boolean ended(CrashBed b) {
                List<Execution> e = b.executions(FUNCTION, name);
                return !e.isEmpty() && !"RUNNING".equals(e.get(0).statusAsString());
            }

            @Override
            public Verdict finish(CrashBed b) {
                return check(b, name, payload);
            }

            @Override
            public List<String> executions(CrashBed b) {
                return b.executions(FUNCTION, name).stream().map(Execution::durableExecutionArn).toList();
            }
        };
    }

    private Verdict check(CrashBed bed, String name, String payload) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        InvokeResponse r = null;
        while (r == null) {
            try {
                r = bed.lambda().invoke(b -> b.functionName(FUNCTION + ":live").durableExecutionName(name)
                        .payload(SdkBytes.fromUtf8String(payload)));
            } catch (SdkClientException restarting) {
                if (Instant.now().isAfter(deadline)) {
                    return Verdict.unfinished("no answer: " + restarting.getMessage());
                }
                CrashBed.await(Duration.ofMillis(200), () -> false);
            }
        }
        if (r.functionError() != null) {
            return Verdict.unfinished("function error " + r.payload().asUtf8String());
        }
        JsonNode answer = StrictJson.parse(r.payload().asUtf8String());
        long finalValue = answer.path("finalValue").asLong(-1);
        List<String> problems = new ArrayList<>();
        long expected = 0;
        JsonNode results = answer.path("results");
        int i = 0;
        for (JsonNode op : StrictJson.parse(payload).path("operations")) {
            if (!"read".equals(op.path("op").asText())) {
                expected += op.path("amount").asLong();
            }
            long got = results.path(i).path("value").asLong(Long.MIN_VALUE);
            if (got != expected) {
                problems.add(op.path("id").asText() + " answered " + got + ", expected " + expected);
            }
            i++;
        }
        List<String> arns = bed.executions(FUNCTION, name).stream().map(Execution::durableExecutionArn).toList();
        long recordedTwice = bed.stepSuccesses(arns).values().stream().mapToLong(n -> n - 1).sum();
        long rejected = bed.rejectedCheckpointCalls(arns);
        long duplicated = recordedTwice + rejected + Math.max(0, finalValue - expected);
        long lost = Math.max(0, expected - finalValue);
        boolean correct = finalValue == expected && problems.isEmpty() && duplicated == 0 && arns.size() == 1;
        return new Verdict(true, correct, duplicated, lost, "final " + finalValue + "/" + expected
                + (problems.isEmpty() ? "" : " " + problems) + (rejected > 0 ? " rejected=" + rejected : "")
                + (arns.size() != 1 ? " executions=" + arns.size() : ""));
    }

}
