package io.durablebench.counter.durable;

import com.amazonaws.services.lambda.runtime.Context;
import io.durablebench.durable.DurableCallbackFuture;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.TypeToken;
import io.durablebench.durable.config.CallbackConfig;
import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.FunctionError;
import io.durablebench.model.counter.CounterOperation;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.StrictJson;
import io.durablebench.support.durable.StrictDurableHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counter as a durable entity (an actor): one long-lived durable execution per counter id
 * processes operations sent as messages, strictly one at a time in arrival order, exactly once per
 * message id, with the value as the execution's state.
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
 * named {@link EntityState#executionName} with the value and the recent message ids as input, and
 * ends. Starting it is idempotent (durable execution name), so the step that does it may run twice.
 */
public final class CounterEntityHandler extends StrictDurableHandler<EntityState> {
    static final int DEFAULT_MESSAGES_PER_GENERATION = 100;
    private static final RawTextSerDes INBOX = new RawTextSerDes();

    private final GenerationStarter starter;
    private final int messagesPerGeneration;

    public CounterEntityHandler() {
        this(System.getenv());
    }

    public CounterEntityHandler(Map<String, String> environment) {
        super(environment);
        this.starter = new LambdaGenerationStarter(environment);
        this.messagesPerGeneration = Integer.parseInt(environment.getOrDefault("MESSAGES_PER_GENERATION",
                Integer.toString(DEFAULT_MESSAGES_PER_GENERATION)));
    }

    @Override
    protected EntityState handle(JsonNode event, DurableContext context) {
        // Strict decoding first: a bad start event FAILS the execution here as InvalidInput naming
        // the field (StrictDurableHandler), before any inbox is opened or any step is checkpointed.
        EntityState input = EntityState.fromJson(event);
        long value = input.value();
        LinkedHashMap<String, Long> recent = new LinkedHashMap<>();
        input.recent().forEach(a -> recent.put(a.id(), a.value()));
        for (int slot = 1; slot <= messagesPerGeneration; slot++) {
            DurableCallbackFuture<String> inbox = context.createCallback("inbox-" + slot, TypeToken.of(String.class),
                    CallbackConfig.DEFAULT.withSerDes(INBOX));
            String message = inbox.get();
            long before = value;
            int n = slot;
            EntityReply reply = context.step("apply-" + slot, EntityReply.class, () -> apply(message, before, recent, n));
            if (!reply.duplicate()) {
                value = reply.value();
                recent.put(reply.messageId(), reply.value());
            }
        }
        List<EntityState.Applied> applied = new ArrayList<>();
        recent.forEach((id, v) -> applied.add(new EntityState.Applied(id, v)));
        EntityState next = input.next(value, applied);
        Context lambda = context.getLambdaContext();
        String self = lambda != null ? lambda.getInvokedFunctionArn() : environment().get("AWS_LAMBDA_FUNCTION_NAME");
        context.step("start-generation-" + next.generation(), String.class, () -> starter.start(self, next));
        return next;
    }

    /**
     * Applies one message. A malformed message is answered (a no-op with the current value and the
     * reason in {@link EntityReply#error()}) rather than failing the entity: one bad sender must not
     * stop the counter.
     */
    static EntityReply apply(String message, long value, Map<String, Long> recent, int slot) {
        CounterOperation op;
        try {
            op = CounterEntityClient.decodeMessage(StrictJson.parse(message == null ? "" : message));
        } catch (InvalidInputException bad) {
            return new EntityReply("invalid", null, null, value, true, slot, FunctionError.of(bad));
        } catch (RuntimeException unreadable) {
            return new EntityReply("invalid", null, null, value, true, slot, new FunctionError(
                    FunctionError.INVALID_INPUT, "message", "message: not a readable operation"));
        }
        Long earlier = recent.get(op.id());
        if (earlier != null) {
            return new EntityReply(op.id(), op.op(), op.amount(), earlier, true, slot);
        }
        long next;
        try {
            next = Math.addExact(value, op.delta());
        } catch (ArithmeticException overflow) {
            // Refused like a bad message: an overflow thrown from the step would fail the whole entity.
            return new EntityReply(op.id(), op.op(), op.amount(), value, true, slot, new FunctionError(
                    FunctionError.INVALID_INPUT, "message.amount", "message.amount: the counter's value " + value
                    + " would overflow a 64-bit integer"));
        }
        return new EntityReply(op.id(), op.op(), op.amount(), next, false, slot);
    }
}
