package io.durablebench.locallambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void parsesTheCommandLine() {
        LocalLambdaConfig c = Main.parse(new String[] {"--template", "t.yaml", "--port", "9001", "--data-dir", "d",
                "--env", "A=1", "--env", "B=x=y", "--skip-time", "--region", "eu-west-1"});
        assertThat(c.template()).isEqualTo(Path.of("t.yaml"));
        assertThat(c.port()).isEqualTo(9001);
        assertThat(c.dataDir()).isEqualTo(Path.of("d"));
        assertThat(c.extraEnvironment()).containsEntry("A", "1").containsEntry("B", "x=y");
        assertThat(c.skipTime()).isTrue();
        assertThat(c.region()).isEqualTo("eu-west-1");
        LocalLambdaConfig defaults = Main.parse(new String[] {"--template", "t.yaml"});
        assertThat(defaults.port()).isZero();
        assertThat(defaults.dataDir()).isNull();
        assertThat(defaults.skipTime()).isFalse();
    }

    @Test
    void refusesBadCommandLines() {
        assertThatThrownBy(() -> Main.parse(new String[] {})).hasMessageContaining("--template is required");
        assertThatThrownBy(() -> Main.parse(new String[] {"--template"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Main.parse(new String[] {"--template", "t", "--port", "x"}))
                .hasMessageContaining("--port needs a number");
        assertThatThrownBy(() -> Main.parse(new String[] {"--template", "t", "--env", "NOEQUALS"}))
                .hasMessageContaining("NAME=VALUE");
        assertThatThrownBy(() -> Main.parse(new String[] {"--template", "t", "--bogus"}))
                .hasMessageContaining("unknown option --bogus");
    }
}
