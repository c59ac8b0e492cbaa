package io.durablebench.conformance.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's matching rules, each shown to accept what it should and to reject what it should not. */
class HistoryMatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> events(String json) {
        List<JsonNode> out = new ArrayList<>();
        try {
            JSON.readTree(json).forEach(out::add);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        return out;
    }

    private static List<String> mismatches(String expected, String actual) {
        return new HistoryMatcher().matchHistory(events(expected), events(actual)).mismatches();
    }

    @Test
    void eventsArePairedByEventIdAndUnlistedActualEventsAreIgnored() {
        String expected = "[{\"EventId\":3,\"EventType\":\"StepSucceeded\"}]";
        String actual = "[{\"EventId\":1,\"EventType\":\"ExecutionStarted\"},{\"EventId\":2,\"EventType\":\"StepStarted\"},"
                + "{\"EventId\":3,\"EventType\":\"StepSucceeded\",\"Extra\":1}]";
        assertThat(mismatches(expected, actual)).isEmpty();
        assertThat(mismatches("[{\"EventId\":2,\"EventType\":\"StepSucceeded\"}]", actual)).singleElement().asString()
                .contains("expected \"StepSucceeded\", got \"StepStarted\"");
        assertThat(mismatches("[{\"EventId\":9,\"EventType\":\"StepSucceeded\"}]", actual)).singleElement().asString()
                .contains("no event with EventId 9");
    }

    @Test
    void starAcceptsAnythingAndEmptyObjectMeansDontCare() {
        String actual = "[{\"EventId\":2,\"EventTimestamp\":\"2025-01-01T00:00:00Z\",\"StepStartedDetails\":{\"X\":1}}]";
        assertThat(mismatches("[{\"EventId\":2,\"EventTimestamp\":\"*\",\"StepStartedDetails\":{}}]", actual)).isEmpty();
        assertThat(mismatches("[{\"EventId\":2,\"InvocationCompletedDetails\":{}}]", actual)).isEmpty();
        assertThat(mismatches("[{\"EventId\":2,\"StepStartedDetails\":{\"X\":2}}]", actual)).hasSize(1);
    }

    @Test
    void aBindingMustBeTheSameValueEverywhere() {
        String expected = "[{\"EventId\":2,\"Id\":\"${ID1}\"},{\"EventId\":3,\"Id\":\"${ID1}\",\"ParentId\":\"${CTX}\"},"
                + "{\"EventId\":4,\"ParentId\":\"${CTX}\"}]";
        String same = "[{\"EventId\":2,\"Id\":\"a\"},{\"EventId\":3,\"Id\":\"a\",\"ParentId\":\"p\"},{\"EventId\":4,\"ParentId\":\"p\"}]";
        String differs = "[{\"EventId\":2,\"Id\":\"a\"},{\"EventId\":3,\"Id\":\"b\",\"ParentId\":\"p\"},{\"EventId\":4}]";
        HistoryMatcher m = new HistoryMatcher().matchHistory(events(expected), events(same));
        assertThat(m.mismatches()).isEmpty();
        assertThat(m.binding("ID1").asText()).isEqualTo("a");
        assertThat(mismatches(expected, differs)).hasSize(2)
                .anySatisfy(s -> assertThat(s).contains("${ID1} was bound to \"a\", but here it is \"b\""))
                .anySatisfy(s -> assertThat(s).contains("${CTX} was bound to \"p\", but here it is (absent)"));
    }

    @Test
    void aRegexMustMatchTheValuesText() {
        String expected = "[{\"EventId\":3,\"Details\":{\"NextAttemptDelaySeconds\":\"${/^[0-5]$/}\",\"Type\":\"${/.*TransientError$/}\"}}]";
        assertThat(mismatches(expected, "[{\"EventId\":3,\"Details\":{\"NextAttemptDelaySeconds\":4,\"Type\":\"x$TransientError\"}}]"))
                .isEmpty();
        assertThat(mismatches(expected, "[{\"EventId\":3,\"Details\":{\"NextAttemptDelaySeconds\":7,\"Type\":\"TransientErrorX\"}}]"))
                .hasSize(2);
        assertThat(mismatches(expected, "[{\"EventId\":3,\"Details\":{}}]")).hasSize(2);
    }

    @Test
    void payloadStringsAreDecodedWhereTheVectorGivesAJsonValue() {
        String actual = "[{\"EventId\":5,\"Result\":{\"Payload\":\"\\\"HELLO CHILD\\\"\",\"Truncated\":false}},"
                + "{\"EventId\":6,\"Result\":{\"Payload\":\"{\\\"k\\\":[1,2]}\"}}]";
        assertThat(mismatches("[{\"EventId\":5,\"Result\":{\"Payload\":\"HELLO CHILD\"}}]", actual)).isEmpty();
        assertThat(mismatches("[{\"EventId\":5,\"Result\":{\"Payload\":\"\\\"HELLO CHILD\\\"\"}}]", actual)).isEmpty();
        assertThat(mismatches("[{\"EventId\":5,\"Result\":{\"Payload\":\"hello child\"}}]", actual)).hasSize(1);
        assertThat(mismatches("[{\"EventId\":6,\"Result\":{\"Payload\":{\"k\":[1,2]}}}]", actual)).isEmpty();
        assertThat(mismatches("[{\"EventId\":6,\"Result\":{\"Payload\":{\"k\":[1,3]}}}]", actual)).hasSize(1);
        assertThat(mismatches("[{\"EventId\":6,\"Result\":{\"Payload\":{\"k\":[1]}}}]", actual)).hasSize(1);
    }

    @Test
    void numbersCompareByValue() {
        String actual = "[{\"EventId\":4,\"WaitStartedDetails\":{\"Duration\":60}}]";
        assertThat(mismatches("[{\"EventId\":4,\"WaitStartedDetails\":{\"Duration\":60}}]", actual)).isEmpty();
        assertThat(mismatches("[{\"EventId\":4,\"WaitStartedDetails\":{\"Duration\":3600}}]", actual)).hasSize(1);
        assertThat(mismatches("[{\"EventId\":4,\"WaitStartedDetails\":{\"Duration\":\"60\"}}]", actual)).hasSize(1);
    }

    @Test
    void aWholeValueMustHaveExactlyTheExpectedFields() throws Exception {
        JsonNode expected = JSON.readTree("{\"completionReason\":\"ALL_COMPLETED\",\"successCount\":2}");
        assertThat(new HistoryMatcher().matchValue("result", expected,
                JSON.readTree("{\"successCount\":2,\"completionReason\":\"ALL_COMPLETED\"}")).mismatches()).isEmpty();
        assertThat(new HistoryMatcher().matchValue("result", expected,
                JSON.readTree("{\"successCount\":2,\"completionReason\":\"ALL_COMPLETED\",\"extra\":1}")).mismatches())
                .singleElement().asString().contains("unexpected field extra");
        assertThat(new HistoryMatcher().matchValue("result", JSON.nullNode(), JSON.nullNode()).mismatches()).isEmpty();
        assertThat(new HistoryMatcher().matchValue("result", JSON.nullNode(), JSON.readTree("\"x\"")).mismatches()).hasSize(1);
        assertThat(new HistoryMatcher().matchValue("result", JSON.readTree("[\"X\",\"Y\"]"), JSON.readTree("[\"X\",\"Y\"]"))
                .mismatches()).isEmpty();
        assertThat(new HistoryMatcher().matchValue("result", JSON.readTree("[\"X\",\"Y\"]"), JSON.readTree("[\"Y\",\"X\"]"))
                .mismatches()).hasSize(2);
    }
}
