package io.durablebench.counter.durable;

import io.durablebench.model.FunctionError;
import io.durablebench.model.counter.CounterOperationType;

/**
 * What the entity recorded for one message (the result of its {@code apply-<n>} step, which the
 * sender reads from the execution's history).
 *
 * @param messageId the message's id
 * @param op        the operation
 * @param amount    its amount (null for read)
 * @param value     the counter value right after it (for a duplicate: the value recorded the first time)
 * @param duplicate true when the id had been processed before; nothing changed
 * @param slot      the inbox slot (n of {@code inbox-<n>}) in its generation
 * @param error     why the message was refused (field and reason, as {@code FunctionError} words it);
 *                  null for an applied or duplicate message. A refused message changes nothing.
 */
public record EntityReply(String messageId, CounterOperationType op, Long amount, long value, boolean duplicate, int slot,
                          FunctionError error) {
    public EntityReply(String messageId, CounterOperationType op, Long amount, long value, boolean duplicate, int slot) {
        this(messageId, op, amount, value, duplicate, slot, null);
    }
}
