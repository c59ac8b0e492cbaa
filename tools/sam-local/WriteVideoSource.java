import io.durablebench.video.media.SyntheticVideo;
import io.durablebench.video.media.SyntheticVideoSpec;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the benchmark source video (SyntheticVideoSpec.BENCHMARK: 10 s, 320x240, 24 fps), the
 * object events/video-*.json name as inputs/benchmark.mp4. Run as a single-file program:
 * {@code java -cp <video-media's class path> tools/sam-local/WriteVideoSource.java OUT.mp4}.
 */
public final class WriteVideoSource {
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: WriteVideoSource OUT.mp4");
            System.exit(2);
        }
        Files.write(Path.of(args[0]), SyntheticVideo.generate(SyntheticVideoSpec.BENCHMARK));
    }
}
