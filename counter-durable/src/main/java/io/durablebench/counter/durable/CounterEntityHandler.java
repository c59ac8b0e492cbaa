package io.durablebench.counter.durable;

import com.amazonaws.services.lambda.runtime.Context;
import io.durablebench.durable.DurableCallbackFuture;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.TypeToken;
import io.durablebench.durable.config.CallbackConfig;
import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.support.durable.StrictDurableHandler;

/**
 * The counter as a durable entity (an actor): one long-lived durable execution per counter id
 * processes operations sent as messages, strictly one at a time in arrival order, with the value as
 * the execution's state. Each sender numbers its messages 1, 2, 3, ...; the entity keeps one
 * {@link SenderMark} per sender and applies each number once ({@link SenderMarks} has the rule).
 *
 * <h2>Message flow</h2>
 * The entity opens an inbox slot: a callback named {@code inbox-<n>}. A sender
 * ({@link CounterEntityClient}) finds the open slot in the execution's history and completes the
 * callback with its message (SendDurableExecutionCallbackSuccess); a callback can be completed only
 * once, so each slot takes exactly one message and concurrent senders queue up in the order the
 * service accepts their completions. The entity applies the message in a step named
 * {@code apply-<n>} whose result ({@link EntityReply}) is the answer the sender reads back from the
 * history, then opens slot n+1. Between messages the invocation suspends: an idle entity costs no
 * compute.
 *
 * <h2>Generations</h2>
 * Every invocation replays the execution's log, so a log must not grow without bound. After
 * {@code messagesPerGeneration} messages the entity starts its next generation, a fresh execution
 * named {@link EntityState#executionName} with the value and the senders' marks as input, and
 * ends. Starting it is idempotent (durable execution name), so the step that does it may run twice.
 */
public final class CounterEntityHandler extends StrictDurableHandler<EntityState> {
    static final int DEFAULT_MESSAGES_PER_GENERATION = 100;
    private static final RawTextSerDes INBOX = new RawTextSerDes();

    /** Reads the function's environment when it first starts a generation, not before. */
    private final GenerationStarter starter = new LambdaGenerationStarter(this::environment);

    /** {@code MESSAGES_PER_GENERATION} of the function's environment (read per invocation, never in the constructor). */
    private int messagesPerGeneration() {
        return Integer.parseInt(environment().getOrDefault("MESSAGES_PER_GENERATION",
                Integer.toString(DEFAULT_MESSAGES_PER_GENERATION)));
    }

    @Override
    protected EntityState handle(JsonNode event, DurableContext context) {
        // Strict decoding first: a bad start event FAILS the execution here as InvalidInput naming
        // the field (StrictDurableHandler), before any inbox is opened or any step is checkpointed.
        EntityState input = EntityState.fromJson(event);
        long value = input.value();
        SenderMarks marks = new SenderMarks(input.senders());
        int messages = messagesPerGeneration();
        for (int slot = 1; slot <= messages; slot++) {
            DurableCallbackFuture<String> inbox = context.createCallback("inbox-" + slot, TypeToken.of(String.class),
                    CallbackConfig.DEFAULT.withSerDes(INBOX));
            String message = inbox.get();
            long before = value;
            int n = slot;
            // The decision is the step's recorded result; a replay takes it from the log and moves the
            // marks the same way, so the marks never depend on when a step ran.
            EntityReply reply = context.step("apply-" + slot, EntityReply.class, () -> marks.apply(message, before, n));
            if (reply.applied()) {
                value = reply.value();
                marks.record(reply);
            }
        }
        EntityState next = input.next(value, marks.list());
        Context lambda = context.getLambdaContext();
        String self = lambda != null ? lambda.getInvokedFunctionArn() : environment().get("AWS_LAMBDA_FUNCTION_NAME");
        context.step("start-generation-" + next.generation(), String.class, () -> starter.start(self, next));
        return next;
    }
}
