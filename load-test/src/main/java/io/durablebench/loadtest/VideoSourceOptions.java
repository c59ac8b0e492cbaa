package io.durablebench.loadtest;

import io.durablebench.video.media.SyntheticVideoSpec;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The video jobs' source and fan-out, the options of the commands that choose them. A command
 * creates this mixin with its default source and the sources it accepts.
 */
final class VideoSourceOptions implements CheckedOptions {
    /** Every named source: what {@link #named} knows. */
    static final List<String> ALL = List.of("benchmark", "small", "long", "tiny");

    @Option(names = "--source", description = "video source: benchmark (10 s 320x240 24 fps, 240 frames), small (2 s"
            + " 96x64 12 fps, 24 frames), long (40 s 64x48 25 fps, 1,000 frames) or tiny (400 s 16x16 25 fps, 10,000"
            + " frames: little media work per chunk, so coordination shows) (default: ${DEFAULT-VALUE})")
    String source;

    @Option(names = "--fan-out", defaultValue = VideoWorkload.IN_PROCESS,
            description = "in-process (threads / a durable map of steps) or per-chunk-invocation (default: in-process)")
    String fanOut;

    private final List<String> accepted;

    VideoSourceOptions(String source, List<String> accepted) {
        this.source = source;
        this.accepted = accepted;
    }

    @Override
    public void validate(CommandSpec spec) {
        LoadTestCommand.check(spec, fanOut.equals(VideoWorkload.IN_PROCESS)
                || fanOut.equals(VideoWorkload.PER_CHUNK_INVOCATION),
                "--fan-out must be in-process or per-chunk-invocation, got '" + fanOut + "'");
        LoadTestCommand.check(spec, accepted.contains(source), "--source must be " + String.join(", ",
                accepted.subList(0, accepted.size() - 1)) + " or " + accepted.get(accepted.size() - 1) + ", got '"
                + source + "'");
    }

    /** The chosen source. */
    SyntheticVideoSpec spec() {
        return named(source);
    }

    static SyntheticVideoSpec named(String name) {
        return switch (name) {
            case "benchmark" -> SyntheticVideoSpec.BENCHMARK;
            case "small" -> SyntheticVideoSpec.seconds(2, 96, 64, 12);
            case "long" -> SyntheticVideoSpec.seconds(40, 64, 48, 25);
            // enough frames for 10,000 one-frame chunks, each cheap to encode: jobs past one execution's limits
            case "tiny" -> SyntheticVideoSpec.seconds(400, 16, 16, 25);
            default -> throw new IllegalArgumentException("no video source named '" + name + "'");
        };
    }
}
