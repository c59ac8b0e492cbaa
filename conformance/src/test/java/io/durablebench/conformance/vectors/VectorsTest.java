package io.durablebench.conformance.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durablebench.conformance.handlers.CaseHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the vectors, and the list of declined cases. */
class VectorsTest {

    @Test
    void everyVectorLoadsAndHasAHandler() {
        List<ConformanceCase> cases = new Vectors(new Random(1)).loadAll(VectorDirectory.locate());
        assertThat(cases).hasSize(85);
        assertThat(cases.stream().map(ConformanceCase::suite).distinct()).containsExactly("step", "wait", "child", "map",
                "parallel");
        assertThat(cases).allSatisfy(c -> {
            assertThat(CaseHandlers.of(c.id())).as("handler of " + c).isNotNull();
            assertThat(c.expectedHistory()).as(c.toString()).isNotEmpty();
        });
        assertThat(CaseHandlers.all()).hasSize(85);
        assertThat(cases.get(1).id()).isEqualTo("1-2"); // numeric order, not 1-10
    }

    @Test
    void generatedVariablesAreSubstitutedInsideStrings() {
        ConformanceCase c = new Vectors(new Random(7)).loadAll(VectorDirectory.locate()).stream()
                .filter(v -> v.id().equals("1-7")).findFirst().orElseThrow();
        String input = c.variables().get("INPUT_1");
        assertThat(input).hasSize(8).matches("[A-Za-z0-9]{8}");
        assertThat(c.input().asText()).isEqualTo(input);
        assertThat(c.expectedResult().get("Result").asText()).isEqualTo("Hello, " + input + "!");
        assertThat(c.expectedLogs()).first().extracting(ConformanceCase.ExpectedLog::pattern)
                .isEqualTo("/Greeting step started for: " + input + "/");
        assertThat(c.optional()).isTrue();
    }

    @Test
    void longWaitsAreStartOnlyCases() {
        List<ConformanceCase> cases = new Vectors().loadAll(VectorDirectory.locate());
        assertThat(cases.stream().filter(ConformanceCase::startOnly).map(ConformanceCase::id)).containsExactly("2-4", "2-5");
    }

    @Test
    void aMissingVectorFolderIsAClearError(@TempDir Path empty) {
        String before = System.getProperty(VectorDirectory.PROPERTY);
        System.setProperty(VectorDirectory.PROPERTY, empty.resolve("nowhere").toString());
        try {
            assertThatThrownBy(VectorDirectory::locate).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not a conformance vector folder");
        } finally {
            if (before == null) {
                System.clearProperty(VectorDirectory.PROPERTY);
            } else {
                System.setProperty(VectorDirectory.PROPERTY, before);
            }
        }
    }

    @Test
    void declinedCasesHaveReasonsAndWaiversNarrowTheExpectations(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("DECLINED.md");
        Files.writeString(file, """
                | Case | Backend | Reason | Waived expectations |
                |------|---------|--------|---------------------|
                | 1-18 | dex-local-runner | crash not recorded | no event 3; event 7: StepSucceededDetails.RetryDetails |
                | 2-5 | all | too slow | |
                """);
        Declined d = Declined.read(file);
        assertThat(d.entry("2-5", "anything").whole()).isTrue();
        assertThat(d.entry("1-18", "durable-local")).isNull();
        ConformanceCase c = new Vectors().loadAll(VectorDirectory.locate()).stream().filter(v -> v.id().equals("1-18"))
                .findFirst().orElseThrow();
        ConformanceCase narrowed = d.entry("1-18", "dex-local-runner").apply(c);
        assertThat(narrowed.expectedHistory()).hasSize(c.expectedHistory().size() - 1);
        assertThat(narrowed.expectedHistory().get(1).get("EventType").asText()).isEqualTo("StepFailed");
        assertThat(narrowed.expectedHistory().get(1).get("EventId").asInt()).isEqualTo(3);
        assertThat(narrowed.expectedHistory().get(4).get("StepSucceededDetails").has("RetryDetails")).isFalse();
        assertThat(narrowed.expectedHistory().get(4).get("StepSucceededDetails").has("Result")).isTrue();
        assertThat(c.expectedHistory().get(5).get("StepSucceededDetails").has("RetryDetails")).isTrue();

        Files.writeString(file, "| 1-1 | all |  |\n");
        assertThatThrownBy(() -> Declined.read(file)).hasMessageContaining("without a reason");
        Files.writeString(file, "| 1-1 | all | why | ignore everything |\n");
        assertThatThrownBy(() -> Declined.read(file)).hasMessageContaining("is not a waiver");
    }

    @Test
    void theProjectsDeclinedListParses() {
        Declined d = Declined.read(Path.of(System.getProperty("basedir", ".")).resolve("DECLINED.md"));
        assertThat(d.size()).isPositive();
    }
}
