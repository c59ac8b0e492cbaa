package io.durablebench.counter.durable;

import io.durablebench.model.FunctionError;
import io.durablebench.model.counter.CounterOperationType;

/**
 * What the entity recorded for one message (the result of its {@code apply-<n>} step, which the
 * sender reads from the execution's history).
 *
 * @param messageId the message's id ("invalid" when the message could not be read)
 * @param sender    the message's sender (null when the message could not be read)
 * @param seq       the sender's number for it (null when the message could not be read)
 * @param mark      the sender's mark after it: the number of its latest applied message, 0 for none
 *                  (null when the message could not be read)
 * @param op        the operation
 * @param amount    its amount (null for read)
 * @param value     the counter value right after it; for a duplicate the value recorded the first time,
 *                  or null when that value is no longer kept (the message is older than its sender's
 *                  latest {@value SenderMark#VALUES_KEPT}); for a refused message the unchanged value
 * @param duplicate true when the sender's number is at or below its mark: applied before, nothing changed
 * @param slot      the inbox slot (n of {@code inbox-<n>}) in its generation
 * @param error     why the message was refused (field and reason, as {@code FunctionError} words it);
 *                  null for an applied or duplicate message. A refused message changes nothing.
 */
public record EntityReply(String messageId, String sender, Long seq, Long mark, CounterOperationType op, Long amount,
                          Long value, boolean duplicate, int slot, FunctionError error) {
    static EntityReply applied(EntityMessage m, long value, int slot) {
        return new EntityReply(m.id(), m.sender(), m.seq(), m.seq(), m.op(), m.amount(), value, false, slot, null);
    }

    static EntityReply duplicate(EntityMessage m, long mark, Long recordedValue, int slot) {
        return new EntityReply(m.id(), m.sender(), m.seq(), mark, m.op(), m.amount(), recordedValue, true, slot, null);
    }

    static EntityReply refused(EntityMessage m, long mark, long value, int slot, FunctionError error) {
        return new EntityReply(m.id(), m.sender(), m.seq(), mark, m.op(), m.amount(), value, false, slot, error);
    }

    static EntityReply unreadable(long value, int slot, FunctionError error) {
        return new EntityReply("invalid", null, null, null, null, null, value, false, slot, error);
    }

    /** True when the message changed the entity: its sender's mark moved to it. */
    public boolean applied() {
        return error == null && !duplicate;
    }
}
