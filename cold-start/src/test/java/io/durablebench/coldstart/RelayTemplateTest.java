package io.durablebench.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's rewritten template is a temporary file: nothing of it is left once its JVM has ended. */
class RelayTemplateTest {
    /** Run in a JVM of its own: writes the relay template of the given template and prints its path. */
    public static void main(String[] args) throws IOException {
        System.out.println(ColdStartBenchmark.relayTemplate(Path.of(args[0])));
    }

    @Test
    void theRelayTemplateAndItsFolderAreGoneWhenTheJvmEnds(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, "Resources:\n  F:\n    Properties:\n      Handler: a.B::handleRequest\n");
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RelayTemplateTest.class.getName(), template.toString())
                .redirectErrorStream(true).start();
        String printed = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(jvm.waitFor()).as(printed).isZero();
        Path written = Path.of(printed);
        assertThat(written.getFileName()).hasToString("template.yaml");
        assertThat(written.getParent().getFileName().toString()).startsWith("cold-start-template-");
        assertThat(written).doesNotExist();
        assertThat(written.getParent()).doesNotExist();
    }
}
