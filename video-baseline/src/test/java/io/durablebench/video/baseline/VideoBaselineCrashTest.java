package io.durablebench.video.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.model.video.CrashPoint;
import io.durablebench.model.video.FaultInjection;
import io.durablebench.video.testbed.JobChecks;
import io.durablebench.video.testbed.TestVideos;
import io.durablebench.video.testbed.VideoBedTest;
import io.durablebench.video.testbed.VideoJobs;
import io.durablebench.video.testbed.VideoTestBed;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The baseline crashes at every crash point, and the caller sends the same request again (as a
 * client retrying, or Lambda re-delivering an event, would): the new invocation waits for the
 * crashed one's lease to run out (2 s here), takes the job over and finishes it from its records,
 * without encoding again what was recorded as done.
 */
class VideoBaselineCrashTest extends VideoBedTest {
    static final String FUNCTION = "VideoBaselineFunction";

    VideoBaselineCrashTest() {
        super(Map.of("VIDEO_JOB_LEASE_SECONDS", "2", "VIDEO_BUSY_POLL_MILLIS", "250"), false, false);
    }

    /** Every crash point with threads, and mid-encode with per-chunk invocations. */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.durablebench.video.testbed.VideoJobs#crashCases")
    void resumesAfterACrash(CrashPoint point, String fanOut) {
        String jobId = "crash-" + point.wireName() + "-" + fanOut;
        String request = VideoJobs.request(bed, jobId, "inputs/small.mp4", 4, fanOut,
                Map.of("faults", new FaultInjection(0, 0, point)));
        VideoTestBed.Invocation crashed = bed.invoke(FUNCTION, request, null);
        assertThat(crashed.failed()).as(crashed.payload()).isTrue();
        assertThat(crashed.payload()).contains("InjectedCrash").contains(point.wireName());
        VideoTestBed.Invocation resumed = bed.invoke(FUNCTION, request, null);
        assertThat(resumed.failed()).as(resumed.payload()).isFalse();
        JobChecks.verifiedOutput(bed, resumed.json(), jobId, TestVideos.SMALL, 4);

        // the chunks done before the crash are not encoded again
        JobChecks.writtenOnce(bed, jobId, "chunks", JobChecks.chunksDoneBefore(point, 4));
        Map<String, Long> wire = bed.wires().s3().requests();
        String base = "PUT /" + bed.bucket() + "/jobs/" + jobId + "/";
        for (int i = 0; i < 4; i++) {
            assertThat(wire.get(base + String.format("chunks/%04d.mp4", i))).as("chunk %d", i).isBetween(1L, 2L);
        }
        // the output is written again only if the crash came after it was written and before the job was finished
        assertThat(JobChecks.outputWrites(bed, jobId)).isEqualTo(point == CrashPoint.AFTER_ASSEMBLE || point == CrashPoint.AFTER_VERIFY ? 2 : 1);
        // a third request is answered from the record (its only S3 call: the source read of the
        // validation that precedes the claim, so that a refused source writes nothing)
        VideoTestBed.Invocation again = bed.invoke(FUNCTION, request, null);
        assertThat(again.json().path("metrics").path("blob").path("byOperation")).hasToString("{\"GetObject\":1}");
    }
}
