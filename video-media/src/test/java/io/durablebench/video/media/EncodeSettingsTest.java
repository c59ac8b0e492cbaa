package io.durablebench.video.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durablebench.model.FunctionError;
import io.durablebench.model.video.VideoTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncodeSettingsTest {
    static final VideoInfo SOURCE = new VideoInfo("mp4", "h264", 320, 240, 24, 1, 240, List.of(0, 24), 1);

    @Test
    void absentTargetFieldsComeFromTheSourceAndDefaults() {
        assertThat(EncodeSettings.forTarget(SOURCE, VideoTarget.SOURCE))
                .isEqualTo(new EncodeSettings(320, 240, 26, 24, 16));
        assertThat(EncodeSettings.forTarget(SOURCE, new VideoTarget(160, 120, 35, null)))
                .isEqualTo(new EncodeSettings(160, 120, 35, 24, 16));
        assertThat(EncodeSettings.forTarget(SOURCE, new VideoTarget(null, null, null, 48)).keyInterval()).isEqualTo(48);
    }

    @Test
    void oddSourceSizesRoundDownToEven() {
        VideoInfo odd = new VideoInfo("mp4", "h264", 321, 241, 30000, 1001, 10, List.of(0), 1);
        EncodeSettings s = EncodeSettings.forSource(odd);
        assertThat(s.width()).isEqualTo(320);
        assertThat(s.height()).isEqualTo(240);
        assertThat(s.keyInterval()).isEqualTo(30); // 29.97 fps: a keyframe about every second
    }

    @Test
    void rejectsSettingsTheEncoderCannotTake() {
        assertThatThrownBy(() -> new EncodeSettings(15, 240, 26, 24, 16)).hasMessageContaining("even");
        assertThatThrownBy(() -> new EncodeSettings(320, 240, 52, 24, 16)).hasMessageContaining("qp");
        assertThatThrownBy(() -> new EncodeSettings(320, 240, 26, 0, 16)).hasMessageContaining("keyInterval");
        assertThatThrownBy(() -> new EncodeSettings(320, 240, 26, 24, 65)).hasMessageContaining("motionSearchRange");
    }

    @Test
    void aRefusedVideoBecomesAnInvalidInputErrorNamingTheField() {
        FunctionError e = new InvalidMediaException(InvalidMediaException.Problem.WRONG_CODEC, "video codec is 'mjpg'")
                .toFunctionError("source");
        assertThat(e).isEqualTo(new FunctionError("InvalidInput", "source", "source: video codec is 'mjpg'"));
    }
}
