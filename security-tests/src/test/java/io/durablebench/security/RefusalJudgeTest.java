package io.durablebench.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.security.HostileInputTest.Answer;
import org.junit.jupiter.api.Test;

/** The hostile-input verdicts can fail: leaked traces, acceptances and vague errors are recognised. */
class RefusalJudgeTest {

    @Test
    void aFieldNamedRefusalIsAClearRefusal() {
        var v = HostileInputTest.judge("f", new Answer(
                "{\"error\":{\"type\":\"InvalidInput\",\"field\":\"jobId\",\"message\":\"jobId: required string is missing\"}}",
                null, null));
        assertThat(v.how()).isEqualTo("function");
        assertThat(v.clear()).isTrue();
        assertThat(v.stackTrace()).isFalse();
    }

    @Test
    void aFailedDurableExecutionIsARefusalOnlyAsInvalidInputNamingTheField() {
        var refused = HostileInputTest.judge("f", new Answer("{\"errorType\":\"InvalidInput\","
                + "\"errorMessage\":\"operations[0].amount: expected an integer, got string \\\"5\\\"\",\"stackTrace\":[]}",
                "Unhandled", null));
        assertThat(refused.how()).isEqualTo("function");
        assertThat(refused.clear()).isTrue();
        assertThat(refused.stackTrace()).isFalse();
        var unnamed = HostileInputTest.judge("f", new Answer("{\"errorType\":\"InvalidInput\","
                + "\"errorMessage\":\"something about the request was wrong\"}", "Unhandled", null));
        assertThat(unnamed.clear()).as("no field named").isFalse();
        var classNamed = HostileInputTest.judge("f", new Answer("{\"errorType\":"
                + "\"io.durablebench.model.json.InvalidInputException\",\"errorMessage\":\"jobId: required\"}",
                "Unhandled", null));
        assertThat(classNamed.how()).as("the old convention: an exception's class name").isEqualTo("accepted");
    }

    @Test
    void leakedFramesAndExceptionClassesAreFound() {
        assertThat(HostileInputTest.leaks("boom\n\tat io.durablebench.video.X.run(X.java:12)")).isTrue();
        assertThat(HostileInputTest.leaks("at com.fasterxml.jackson.databind.ObjectMapper.readValue(ObjectMapper.java:1)"))
                .isTrue();
        assertThat(HostileInputTest.leaks("Cannot deserialize: com.fasterxml.jackson.databind.exc.MismatchedInputException"))
                .isTrue();
        assertThat(HostileInputTest.leaks("chunkCount: integer out of range: must be between 1 and 1000, got 0")).isFalse();
        var failed = HostileInputTest.judge("f", new Answer("{\"errorType\":\"java.lang.NullPointerException\","
                + "\"errorMessage\":\"null\",\"stackTrace\":[\"a.B.c(B.java:1)\"]}", "Unhandled", null));
        assertThat(failed.how()).as("a crash is not a refusal").isEqualTo("accepted");
        assertThat(failed.stackTrace()).isTrue();
    }

    @Test
    void aSuccessAndAVagueErrorAreNotClearRefusals() {
        assertThat(HostileInputTest.judge("f", new Answer("{\"finalValue\":3}", null, null)).how()).isEqualTo("accepted");
        var vague = HostileInputTest.judge("f", new Answer(
                "{\"error\":{\"type\":\"InvalidInput\",\"field\":\"source.key\",\"message\":\"bad\"}}", null, null));
        assertThat(vague.clear()).isFalse();
    }
}
