package io.durablebench.locallambda.durable;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The handler output document, read like the emulator reads it. */
class HandlerOutputTest {
    private static HandlerOutput parse(String s) {
        return HandlerOutput.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheThreeStatuses() {
        assertThat(parse("{\"Status\":\"SUCCEEDED\",\"Result\":\"42\"}"))
                .isEqualTo(new HandlerOutput("SUCCEEDED", "42", null, null));
        HandlerOutput failed = parse("{\"Status\":\"FAILED\",\"Error\":{\"ErrorType\":\"T\",\"ErrorMessage\":\"m\"}}");
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.error().errorType()).isEqualTo("T");
        assertThat(failed.error().errorMessage()).isEqualTo("m");
        assertThat(parse("{\"Status\":\"PENDING\"}").status()).isEqualTo("PENDING");
    }

    @Test
    void namesWhatIsWrongWithAnInvalidOutput() {
        assertThat(parse("not json").invalid()).startsWith("The handler's output is not JSON");
        assertThat(parse("[1]").invalid()).isEqualTo("The handler's output is not a JSON object with a Status.");
        assertThat(parse("{}").invalid()).isEqualTo("Response status is required");
        assertThat(parse("{\"Status\":\"SUCCEEDED\",\"Result\":{}}").invalid()).isEqualTo("Result must be a string");
        assertThat(parse("{\"Status\":\"FAILED\",\"Result\":\"x\"}").invalid())
                .isEqualTo("Cannot provide a Result for FAILED status.");
        assertThat(parse("{\"Status\":\"DONE\"}").invalid()).isEqualTo("Unexpected invocation status: DONE");
    }
}
