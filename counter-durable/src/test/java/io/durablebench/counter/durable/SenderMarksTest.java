package io.durablebench.counter.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The entity's exactly-once rule on its own, with messages written out by hand. */
class SenderMarksTest {
    private final SenderMarks marks = new SenderMarks(List.of());

    static String increment(String sender, long seq, String id, long amount) {
        return "{\"sender\":\"" + sender + "\",\"seq\":" + seq + ",\"id\":\"" + id + "\",\"op\":\"increment\",\"amount\":"
                + amount + "}";
    }

    /** Applies a message the way the entity does: decide, then move the mark if it was applied. */
    private EntityReply deliver(String message, long value) {
        EntityReply r = marks.apply(message, value, 1);
        if (r.applied()) {
            marks.record(r);
        }
        return r;
    }

    @Test
    void aSendersMessagesAreAppliedOnceEachInNumberOrder() {
        EntityReply one = deliver(increment("a", 1, "a-1", 5), 10);
        assertThat(one.applied()).isTrue();
        assertThat(one.value()).isEqualTo(15L);
        EntityReply two = deliver(increment("a", 2, "a-2", 1), 15);
        assertThat(two.applied()).isTrue();
        assertThat(two.value()).isEqualTo(16L);
        assertThat(two.mark()).isEqualTo(2L);
        assertThat(marks.list()).containsExactly(new SenderMark("a", 2, "a-2", List.of(15L, 16L)));
    }

    @Test
    void aRepeatedNumberIsADuplicateAnsweredWithItsRecordedValueAndChangesNothing() {
        deliver(increment("a", 1, "a-1", 5), 10);
        deliver(increment("a", 2, "a-2", 1), 15);
        EntityReply latest = deliver(increment("a", 2, "a-2", 1), 16);
        assertThat(latest.duplicate()).isTrue();
        assertThat(latest.error()).isNull();
        assertThat(latest.value()).isEqualTo(16L);
        assertThat(latest.mark()).isEqualTo(2L);
        EntityReply older = deliver(increment("a", 1, "a-1", 5), 16);
        assertThat(older.duplicate()).isTrue();
        assertThat(older.value()).isEqualTo(15L);
        assertThat(older.mark()).as("the mark tells a copy of the latest message from an older one").isEqualTo(2L);
        assertThat(marks.list()).containsExactly(new SenderMark("a", 2, "a-2", List.of(15L, 16L)));
    }

    @Test
    void aDuplicateOlderThanTheValuesKeptIsStillADuplicateAnsweredWithoutAValue() {
        long value = 0;
        for (int seq = 1; seq <= 20; seq++) {
            value = deliver(increment("a", seq, "a-" + seq, 1), value).value();
        }
        assertThat(value).isEqualTo(20);
        // 16 values kept: those of messages 5..20, which produced the values 5..20
        for (int seq = 5; seq <= 20; seq++) {
            EntityReply r = deliver(increment("a", seq, "a-" + seq, 1), 20);
            assertThat(r.duplicate()).isTrue();
            assertThat(r.value()).as("message %d", seq).isEqualTo((long) seq);
        }
        for (int seq = 1; seq <= 4; seq++) {
            EntityReply r = deliver(increment("a", seq, "a-" + seq, 1), 20);
            assertThat(r.duplicate()).as("message %d", seq).isTrue();
            assertThat(r.error()).isNull();
            assertThat(r.value()).as("message %d: its value is no longer kept", seq).isNull();
        }
        assertThat(marks.list()).hasSize(1);
        assertThat(marks.list().get(0).seq()).isEqualTo(20);
        assertThat(marks.list().get(0).values()).hasSize(16).startsWith(5L).endsWith(20L);
    }

    @Test
    void aNumberThatSkipsAheadIsRefusedNamingTheMarkAndChangesNothing() {
        EntityReply first = deliver(increment("b", 2, "b-2", 1), 7);
        assertThat(first.applied()).isFalse();
        assertThat(first.value()).isEqualTo(7L);
        assertThat(first.error().type()).isEqualTo("InvalidInput");
        assertThat(first.error().field()).isEqualTo("message.seq");
        assertThat(first.error().message()).contains("next number is 1", "got 2");
        assertThat(marks.list()).isEmpty();
        deliver(increment("b", 1, "b-1", 1), 7);
        deliver(increment("b", 2, "b-2", 1), 8);
        deliver(increment("b", 3, "b-3", 1), 9);
        EntityReply gap = deliver(increment("b", 5, "b-5", 1), 10);
        assertThat(gap.error().field()).isEqualTo("message.seq");
        assertThat(gap.error().message()).contains("1..3", "next number is 4", "got 5");
        assertThat(gap.mark()).isEqualTo(3L);
        assertThat(marks.list()).containsExactly(new SenderMark("b", 3, "b-3", List.of(8L, 9L, 10L)));
    }

    @Test
    void theLatestNumberReusedForAnotherMessageIsRefused() {
        deliver(increment("c", 1, "c-1", 1), 0);
        EntityReply reused = deliver(increment("c", 1, "c-other", 1), 1);
        assertThat(reused.applied()).isFalse();
        assertThat(reused.duplicate()).isFalse();
        assertThat(reused.error().field()).isEqualTo("message.id");
        assertThat(reused.error().message()).contains("\"c-1\"", "\"c-other\"", "number 2");
        assertThat(marks.list()).containsExactly(new SenderMark("c", 1, "c-1", List.of(1L)));
    }

    @Test
    void sendersAreIndependent() {
        deliver(increment("a", 1, "x", 1), 0);
        EntityReply b = deliver(increment("b", 1, "x", 1), 1);
        assertThat(b.applied()).as("same id, another sender: another message").isTrue();
        assertThat(b.value()).isEqualTo(2L);
    }

    @Test
    void aNewSenderBeyondTheMostACounterKeepsIsRefusedAndKnownSendersGoOn() {
        List<SenderMark> full = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            full.add(new SenderMark("s" + i, 1, "m", List.of((long) i)));
        }
        SenderMarks many = new SenderMarks(full);
        EntityReply refused = many.apply(increment("newcomer", 1, "n-1", 1), 400, 1);
        assertThat(refused.applied()).isFalse();
        assertThat(refused.error().field()).isEqualTo("message.sender");
        assertThat(refused.error().message()).contains("400 senders", "newcomer");
        EntityReply known = many.apply(increment("s7", 2, "m-2", 1), 400, 1);
        assertThat(known.applied()).isTrue();
        assertThat(known.value()).isEqualTo(401L);
    }

    @Test
    void anOverflowIsRefusedAndTheSameNumberCanCarryAnotherMessage() {
        EntityReply overflow = deliver(increment("d", 1, "d-1", 5), Long.MAX_VALUE - 1);
        assertThat(overflow.error().field()).isEqualTo("message.amount");
        assertThat(overflow.value()).isEqualTo(Long.MAX_VALUE - 1);
        assertThat(marks.list()).isEmpty();
        assertThat(deliver(increment("d", 1, "d-1b", 1), Long.MAX_VALUE - 1).value()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void malformedMessagesAreRefusedNamingTheField() {
        assertThat(marks.apply("{not json", 3, 1).error().field()).isEqualTo("message");
        assertThat(marks.apply("{not json", 3, 1).mark()).isNull();
        assertThat(marks.apply("{\"seq\":1,\"id\":\"m\",\"op\":\"read\"}", 3, 1).error().field()).isEqualTo("message.sender");
        assertThat(marks.apply("{\"sender\":\"a\",\"seq\":0,\"id\":\"m\",\"op\":\"read\"}", 3, 1).error().field())
                .isEqualTo("message.seq");
        assertThat(marks.apply("{\"sender\":\"a\",\"seq\":1,\"op\":\"read\"}", 3, 1).error().field()).isEqualTo("message.id");
        assertThat(marks.apply("{\"sender\":\"a\",\"seq\":1,\"id\":\"m\",\"op\":\"read\",\"x\":1}", 3, 1).error().field())
                .isEqualTo("message.x");
        assertThat(marks.apply("{\"sender\":\"a\",\"seq\":1,\"id\":\"m\",\"op\":\"read\",\"amount\":1}", 3, 1).error()
                .field()).isEqualTo("message.amount");
        EntityReply read = marks.apply("{\"sender\":\"a\",\"seq\":1,\"id\":\"m\",\"op\":\"read\"}", 3, 1);
        assertThat(read.applied()).isTrue();
        assertThat(read.value()).isEqualTo(3L);
        assertThat(marks.list()).as("apply decides; only record changes the marks").isEmpty();
        assertThatThrownBy(() -> marks.record(marks.apply("{not json", 3, 1))).isInstanceOf(IllegalArgumentException.class);
    }
}
