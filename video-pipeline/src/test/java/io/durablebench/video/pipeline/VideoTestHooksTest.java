package io.durablebench.video.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durablebench.model.aws.FunctionEnvironment;
import io.durablebench.model.json.InvalidInputException;
import io.durablebench.model.json.StrictJson;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The switch as a deployed function has it: this module's class path has no test-hooks module. */
class VideoTestHooksTest {
    static final FunctionEnvironment DEPLOYED = new FunctionEnvironment(Map.of("VIDEO_BUCKET", "b"));

    @Test
    void offByDefaultAJobWithoutFaultsRunsWithoutHooks() {
        assertThat(VideoTestHooks.fromEnvironment(DEPLOYED).forJob(null, "faults", "j", true)).isSameAs(JobHooks.NONE);
    }

    @Test
    void offAnyFaultsSectionIsRefusedNamingTheField() {
        VideoTestHooks off = VideoTestHooks.fromEnvironment(DEPLOYED);
        for (String section : new String[] {"{}", "{\"chunkFailureProbability\":1}", "{\"crashPoint\":\"mid-encode\"}",
                "7"}) {
            InvalidInputException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> off.forJob(StrictJson.parse(section), "chunk.faults", "j", true), InvalidInputException.class);
            assertThat(e).as(section).isNotNull();
            assertThat(e.field()).isEqualTo("chunk.faults");
            assertThat(e.reason()).contains("takes no faults");
        }
        VideoTestHooks explicitlyOff = VideoTestHooks.fromEnvironment(new FunctionEnvironment(Map.of("TEST_HOOKS", "off")));
        assertThatThrownBy(() -> explicitlyOff.forJob(StrictJson.parse("{}"), "faults", "j", true))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void onWithoutTheTestHooksModuleFailsAtStartInsteadOfRunningWithoutThem() {
        assertThatThrownBy(() -> VideoTestHooks.fromEnvironment(new FunctionEnvironment(Map.of("TEST_HOOKS", "on"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("test-hooks module");
    }

    @Test
    void aValueOtherThanOnOrOffIsAConfigurationError() {
        assertThatThrownBy(() -> VideoTestHooks.fromEnvironment(new FunctionEnvironment(Map.of("TEST_HOOKS", "yes"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("on or off");
    }
}
