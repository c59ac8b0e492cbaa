package io.durablebench.counter.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.StrictJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityStateTest {
    static EntityState parse(String json) {
        return EntityState.fromJson(StrictJson.parse(json));
    }

    static String refusal(String json) {
        try {
            parse(json);
        } catch (InvalidInputException e) {
            return e.field();
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void aGenerationsInputCarriesEverySendersMark() {
        EntityState s = parse("{\"counterId\":\"c\",\"generation\":3,\"value\":42,\"senders\":["
                + "{\"sender\":\"a\",\"seq\":7,\"lastId\":\"a-7\",\"values\":[40,41]},"
                + "{\"sender\":\"b\",\"seq\":1,\"lastId\":\"b-1\",\"values\":[42]}]}");
        assertThat(s.senders()).containsExactly(new SenderMark("a", 7, "a-7", List.of(40L, 41L)),
                new SenderMark("b", 1, "b-1", List.of(42L)));
        assertThat(parse(StrictJson.write(s))).isEqualTo(s);
        assertThat(parse("{\"counterId\":\"c\",\"generation\":1,\"value\":0}").senders()).isEmpty();
    }

    @Test
    void marksTheEntityCouldNotHaveWrittenAreRefused() {
        String head = "{\"counterId\":\"c\",\"generation\":1,\"value\":0,\"senders\":";
        assertThat(refusal(head + "[{\"sender\":\"a\",\"seq\":1,\"lastId\":\"m\",\"values\":[1]},"
                + "{\"sender\":\"a\",\"seq\":2,\"lastId\":\"m\",\"values\":[1]}]}")).isEqualTo("senders[1].sender");
        assertThat(refusal(head + "[{\"sender\":\"a\",\"seq\":1,\"lastId\":\"m\",\"values\":[1,2]}]}"))
                .isEqualTo("senders[0].values");
        assertThat(refusal(head + "[{\"sender\":\"a\",\"seq\":1,\"lastId\":\"m\",\"values\":[]}]}"))
                .isEqualTo("senders[0].values");
        assertThat(refusal(head + "[{\"sender\":\"a\",\"seq\":100,\"lastId\":\"m\",\"values\":"
                + Collections.nCopies(17, "1") + "}]}")).isEqualTo("senders[0].values");
        assertThat(refusal(head + "[{\"sender\":\"a\",\"seq\":0,\"lastId\":\"m\",\"values\":[1]}]}"))
                .isEqualTo("senders[0].seq");
        assertThat(refusal(head + "[{\"sender\":\"a\",\"seq\":1,\"lastId\":\"m\",\"values\":[1e3]}]}"))
                .isEqualTo("senders[0].values[0]");
        assertThat(refusal(head + "[{\"sender\":\"a\",\"seq\":1,\"lastId\":\"m\",\"values\":[99999999999999999999]}]}"))
                .isEqualTo("senders[0].values[0]");
        assertThat(refusal(head + "{}}")).isEqualTo("senders");
        assertThat(refusal(head + "[{\"sender\":\"a\",\"seq\":1,\"values\":[1]}]}")).isEqualTo("senders[0].lastId");
        assertThat(refusal("{\"counterId\":\"c\",\"generation\":1,\"value\":0,\"recent\":[]}")).isEqualTo("recent");
    }

    @Test
    void moreSendersThanACounterKeepsAreRefused() {
        StringBuilder b = new StringBuilder("{\"counterId\":\"c\",\"generation\":1,\"value\":0,\"senders\":[");
        for (int i = 0; i < 401; i++) {
            b.append(i == 0 ? "" : ",").append("{\"sender\":\"s").append(i).append("\",\"seq\":1,\"lastId\":\"m\",\"values\":[0]}");
        }
        assertThat(refusal(b.append("]}").toString())).isEqualTo("senders");
    }

    /**
     * The hand-off to the next generation is an asynchronous Invoke with this state as its payload;
     * Lambda takes at most 256 KB (262,144 bytes) there. The largest state the entity can write fits.
     */
    @Test
    void theLargestStateFitsAnAsynchronousInvokePayload() {
        String longest = "x".repeat(64);
        List<Long> values = Collections.nCopies(SenderMark.VALUES_KEPT, Long.MIN_VALUE);
        List<SenderMark> senders = new ArrayList<>();
        for (int i = 0; i < EntityState.MAX_SENDERS; i++) {
            String id = String.format("%064d", i);
            senders.add(new SenderMark(id, Long.MAX_VALUE, longest, values));
        }
        String counterId = "c".repeat(64 - EntityState.executionName("", EntityState.MAX_GENERATION).length());
        EntityState largest = new EntityState(counterId, EntityState.MAX_GENERATION, Long.MIN_VALUE, senders);
        byte[] payload = StrictJson.writeBytes(largest);
        assertThat(parse(new String(payload, java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(largest);
        System.out.printf("largest entity state: %d bytes (%d senders)%n", payload.length, EntityState.MAX_SENDERS);
        assertThat(payload.length).isLessThanOrEqualTo(262_144);
    }

    @Test
    void aMarkThatIsNotTheNextNumberCannotBeRecorded() {
        SenderMark one = SenderMark.after(null, "a", 1, "m1", 5);
        assertThat(one).isEqualTo(new SenderMark("a", 1, "m1", List.of(5L)));
        assertThatThrownBy(() -> SenderMark.after(one, "a", 3, "m3", 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SenderMark.after(null, "a", 2, "m2", 6)).isInstanceOf(IllegalArgumentException.class);
    }
}
