package io.durablebench.counter.durable;

import io.durablebench.model.FunctionError;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.StrictJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The marks of every sender of one counter entity, and the rule that decides what a message does
 * (as Kafka's idempotent producer does with producer id and sequence number). For a message numbered
 * {@code n} by a sender whose mark is {@code m} (0 for a sender not seen before):
 * <ul>
 *   <li>{@code n = m + 1}: applied; the mark moves to n;</li>
 *   <li>{@code n <= m}: a duplicate, applied before: answered with the value it produced if it is among
 *       the sender's latest {@value SenderMark#VALUES_KEPT}, else with no value; nothing changes. A repeat
 *       of the latest number with another message id is refused instead (a number names one message);</li>
 *   <li>{@code n > m + 1}: refused, naming the mark (a sender sends one message at a time, so a number
 *       never runs ahead of the mark); nothing changes;</li>
 *   <li>a new sender when {@value EntityState#MAX_SENDERS} are kept: refused; nothing changes.</li>
 * </ul>
 * A malformed message and an operation that would overflow the value are refused too. A refusal is an
 * answer, not a failure: one bad sender must not stop the counter.
 */
final class SenderMarks {
    private final Map<String, SenderMark> bySender = new LinkedHashMap<>();

    SenderMarks(List<SenderMark> carried) {
        carried.forEach(m -> bySender.put(m.sender(), m));
    }

    /** What {@code message} (raw text from the inbox) does to a counter at {@code value}; changes nothing. */
    EntityReply apply(String message, long value, int slot) {
        EntityMessage m;
        try {
            m = EntityMessage.fromJson(StrictJson.parse(message == null ? "" : message));
        } catch (InvalidInputException bad) {
            // a document that is not JSON at all is refused as a whole: name it "message"
            return EntityReply.unreadable(value, slot, FunctionError.of(bad.field().isEmpty()
                    ? new InvalidInputException("message", bad.getMessage()) : bad));
        } catch (RuntimeException unreadable) {
            return EntityReply.unreadable(value, slot, new FunctionError(FunctionError.INVALID_INPUT, "message",
                    "message: not a readable operation"));
        }
        SenderMark mark = bySender.get(m.sender());
        long last = mark == null ? 0 : mark.seq();
        if (mark == null && bySender.size() >= EntityState.MAX_SENDERS) {
            return refused(m, 0, value, slot, "message.sender", "this counter already keeps the marks of "
                    + EntityState.MAX_SENDERS + " senders, the most it carries from one generation to the next; "
                    + "send as one of them (a stable sender id) instead of as new sender \"" + m.sender() + "\"");
        }
        if (m.seq() > last + 1) {
            return refused(m, last, value, slot, "message.seq", "sender \"" + m.sender() + "\" has had messages 1.." + last
                    + " applied, so its next number is " + (last + 1) + ", got " + m.seq()
                    + ": numbers may not skip (send one message at a time, repeating its number only to retry it)");
        }
        if (m.seq() <= last) {
            if (m.seq() == last && !m.id().equals(mark.lastId())) {
                return refused(m, last, value, slot, "message.id", "number " + last + " of sender \"" + m.sender()
                        + "\" was message \"" + mark.lastId() + "\", not \"" + m.id()
                        + "\": a number names one message; send a new message as number " + (last + 1));
            }
            return EntityReply.duplicate(m, last, mark.valueOf(m.seq()), slot);
        }
        try {
            return EntityReply.applied(m, Math.addExact(value, m.operation().delta()), slot);
        } catch (ArithmeticException overflow) {
            return refused(m, last, value, slot, "message.amount", "the counter's value " + value
                    + " would overflow a 64-bit integer");
        }
    }

    private static EntityReply refused(EntityMessage m, long mark, long value, int slot, String field, String reason) {
        return EntityReply.refused(m, mark, value, slot, FunctionError.of(new InvalidInputException(field, reason)));
    }

    /** Moves the sender's mark to a message {@link #apply} answered as applied. */
    void record(EntityReply applied) {
        if (!applied.applied()) {
            throw new IllegalArgumentException("not an applied message: " + applied);
        }
        bySender.compute(applied.sender(), (sender, mark) -> SenderMark.after(mark, sender, applied.seq(),
                applied.messageId(), applied.value()));
    }

    List<SenderMark> list() {
        return new ArrayList<>(bySender.values());
    }
}
