package io.durablebench.reliability;

import io.durablebench.counter.durable.CounterEntityClient;
import io.durablebench.counter.durable.EntityState;
import io.durablebench.model.counter.CounterOperation;
import io.durablebench.model.counter.CounterOperationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.lambda.model.Execution;

/**
 * The durable counter entity ({@code CounterEntityFunction} through {@link CounterEntityClient}):
 * one sender delivers {@code messages} increments of 1, one at a time, each retried by the client
 * until answered (the client re-delivers the same message, its number too, while the service is down). The bed
 * must run with a small {@code MESSAGES_PER_GENERATION} so a run crosses generations (the
 * start-next-generation step is a boundary too).
 *
 * <p>Duplicated: the final value above the number of messages (a message applied twice), a value
 * produced by two different fresh applications, or a step recorded twice. Lost: below it.
 */
public record CounterEntityWorkflow(int messages) implements DurableWorkflow {
    static final String FUNCTION = "CounterEntityFunction";

    @Override
    public String name() {
        return "counter entity (durable, " + messages + " messages)";
    }

    private static String counterId(String runId) {
        return "ce-" + runId;
    }

    @Override
    public String executionPrefix(String runId) {
        return EntityState.executionName(counterId(runId), 1).replaceAll("g1$", "");
    }

    @Override
    public Run begin(CrashBed bed, String runId) {
        String counterId = counterId(runId);
        CounterEntityClient client = new CounterEntityClient(bed.lambda(), FUNCTION + ":live", Duration.ofMinutes(4));
        CompletableFuture<List<CounterOperationResult>> sender = CompletableFuture.supplyAsync(() -> {
            List<CounterOperationResult> answers = new ArrayList<>();
            for (int i = 1; i <= messages; i++) {
                answers.add(client.send(counterId, CounterOperation.increment("m" + i, 1)));
            }
            // the final read belongs to the run: its boundaries are counted in the clean run and crashed at too
            answers.add(client.send(counterId, CounterOperation.read("final-read")));
            return answers;
        });
        return new Run() {
            @Override
            public boolean ended(CrashBed b) {
                return sender.isDone();
            }

            @Override
            public Verdict finish(CrashBed b) {
                List<CounterOperationResult> answers;
                try {
                    answers = sender.get(5, TimeUnit.MINUTES);
                } catch (Exception e) {
                    return Verdict.unfinished("sender failed: " + e);
                }
                long finalValue = answers.remove(answers.size() - 1).value();
                Set<Long> fresh = new HashSet<>();
                long producedTwice = answers.stream().filter(a -> !a.duplicate()).filter(a -> !fresh.add(a.value())).count();
                List<String> arns = executions(b);
                long recordedTwice = b.stepSuccesses(arns).values().stream().mapToLong(n -> n - 1).sum();
                long duplicated = Math.max(0, finalValue - messages) + producedTwice + recordedTwice;
                long lost = Math.max(0, messages - finalValue);
                boolean correct = finalValue == messages && answers.size() == messages && duplicated == 0;
                return new Verdict(true, correct, duplicated, lost, "final " + finalValue + "/" + messages
                        + ", generations " + arns.size());
            }

            @Override
            public List<String> executions(CrashBed b) {
                return b.executions(FUNCTION, executionPrefix(runId)).stream().map(Execution::durableExecutionArn).toList();
            }
        };
    }
}
