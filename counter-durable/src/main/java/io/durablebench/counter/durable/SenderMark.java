package io.durablebench.counter.durable;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a counter entity keeps of one sender, the same few fields however many messages it sent: its
 * high-water mark and the values its latest messages produced. Messages 1..{@code seq} of the sender
 * have been applied, each once; any number up to the mark is a duplicate for ever.
 *
 * @param sender the sender's id
 * @param seq    the mark: the number of the sender's latest applied message (1 or more)
 * @param lastId the id of message {@code seq}, so a repeated number can be told from a reused one
 * @param values the values messages {@code seq-values.size()+1 .. seq} produced, oldest first: at most
 *               {@value #VALUES_KEPT}, so a duplicate of one of them is answered with its recorded value
 */
public record SenderMark(String sender, long seq, String lastId, List<Long> values) {
    /** A re-delivered message among its sender's latest this-many is answered with its value. */
    public static final int VALUES_KEPT = 16;
    private static final Set<String> FIELDS = Set.of("sender", "seq", "lastId", "values");

    public SenderMark {
        values = List.copyOf(values);
        if (seq < 1 || values.isEmpty() || values.size() > VALUES_KEPT || values.size() > seq) {
            throw new IllegalArgumentException("inconsistent mark: seq " + seq + " with " + values.size() + " values");
        }
    }

    /** The mark of a sender after its message {@code seq} with {@code id} produced {@code value}; null: none yet. */
    static SenderMark after(SenderMark mark, String sender, long seq, String id, long value) {
        long expected = mark == null ? 1 : mark.seq + 1;
        if (seq != expected) {
            throw new IllegalArgumentException("sender \"" + sender + "\" applied message " + seq + ", expected " + expected);
        }
        return mark == null ? new SenderMark(sender, 1, id, List.of(value)) : mark.next(id, value);
    }

    private SenderMark next(String id, long value) {
        List<Long> kept = new ArrayList<>(values);
        kept.add(value);
        if (kept.size() > VALUES_KEPT) {
            kept.remove(0);
        }
        return new SenderMark(sender, seq + 1, id, kept);
    }

    /** The value message {@code n} produced, or null when it is not among the values kept (or not applied). */
    Long valueOf(long n) {
        long back = seq - n;
        return back < 0 || back >= values.size() ? null : values.get(values.size() - 1 - (int) back);
    }

    /** Decodes one mark of a generation's start event, refusing what the entity could never have written. */
    static SenderMark fromJson(JsonNode node, String path) {
        JsonFields f = JsonFields.object(node, path, FIELDS);
        String sender = f.requiredId("sender");
        long seq = f.requiredLong("seq", 1, Long.MAX_VALUE);
        String lastId = f.requiredId("lastId");
        List<Long> values = f.requiredArray("values", VALUES_KEPT, (v, p) -> {
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new InvalidInputException(p, "expected a 64-bit integer, got " + (v.isIntegralNumber()
                        ? "an integer out of range" : v.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
            }
            return v.longValue();
        });
        if (values.size() > seq) {
            throw new InvalidInputException(f.pathOf("values"), "holds " + values.size() + " values, more than the "
                    + seq + " messages the mark counts");
        }
        return new SenderMark(sender, seq, lastId, values);
    }
}
