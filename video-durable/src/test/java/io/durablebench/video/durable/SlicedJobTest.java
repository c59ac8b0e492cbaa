package io.durablebench.video.durable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.model.video.CrashPoint;
import io.durablebench.model.video.FaultInjection;
import io.durablebench.video.pipeline.CrashRule;
import io.durablebench.video.testbed.ExecutionCost;
import io.durablebench.video.testbed.JobChecks;
import io.durablebench.video.testbed.TestVideos;
import io.durablebench.video.testbed.VideoBedTest;
import io.durablebench.video.testbed.VideoJobs;
import io.durablebench.video.testbed.VideoTestBed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Jobs larger than one execution, in small: with slices of 2 chunks ({@code VIDEO_SLICE_CHUNKS=2}),
 * a 5-chunk job runs as the job's execution plus 3 slice executions (and, with per-chunk
 * invocations, one chunk encoder execution per chunk), on the local Lambda with real media. The
 * service's own per-execution counters show the structure: each execution holds its own share of
 * operations and bytes.
 */
class SlicedJobTest extends VideoBedTest {
    static final String FUNCTION = "VideoDurableFunction:live";
    static final int SLICE = 2;

    SlicedJobTest() {
        super(limitsAnd(Map.of("VIDEO_SLICE_CHUNKS", Integer.toString(SLICE))), true, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-process", "per-chunk-invocation"})
    void fiveChunksInSlicesOfTwoAreThreeChildExecutions(String fanOut) {
        String jobId = "sliced-" + fanOut;
        VideoTestBed.Invocation r = bed.invoke(FUNCTION, VideoJobs.request(bed, jobId, "inputs/small.mp4", 5, fanOut,
                Map.of()), jobId);
        assertThat(r.failed()).as(r.payload()).isFalse();
        JsonNode response = r.json();
        JobChecks.verifiedSlicedOutput(bed, response, jobId, TestVideos.SMALL, 5, SLICE);
        JobChecks.slicesRanOnce(response, "VideoSliceFunction", fanOut);

        List<ExecutionCost.OneExecution> executions = ExecutionCost.each(bed, r.executionArn());
        List<ExecutionCost.OneExecution> slices = executions.stream().filter(e -> e.function().contains("VideoSlice"))
                .toList();
        List<ExecutionCost.OneExecution> encoders = executions.stream()
                .filter(e -> e.function().contains("VideoChunkEncoder")).toList();
        assertThat(executions.get(0).function()).contains("VideoDurableFunction");
        assertThat(slices).hasSize(3);
        assertThat(encoders).hasSize(fanOut.equals("in-process") ? 0 : 5);
        assertThat(executions).hasSize(1 + slices.size() + encoders.size());
        // the job: validate, plan, 3 split steps, the map, 3 slice invokes, assemble, verify
        assertThat(executions.get(0).operations()).isEqualTo(11);
        // a slice: its map and one operation (step or invoke) per chunk
        assertThat(slices).extracting(ExecutionCost.OneExecution::operations).containsExactlyInAnyOrder(3L, 3L, 2L);
        encoders.forEach(e -> assertThat(e.operations()).as("an encoder: its one step").isEqualTo(1));
        executions.forEach(e -> assertThat(e.payloadBytes()).isPositive().isLessThan(100L * 1024 * 1024));
        // every S3 call is the same work as a job of one slice: 4N + 3
        assertThat(bed.putsPerKey().keySet().stream().filter(k -> k.startsWith("jobs/" + jobId + "/"))).hasSize(11);
    }

    @Test
    void survivesAThirtyPercentChunkFailureRateInSlices() {
        slicedJobSurvivesThirtyPercentFailures(FUNCTION, "sliced-faults", SLICE, "sliced-faults");
    }

    @Test
    void recoversFromACrashMidEncodeOfASlicedJob() {
        String jobId = "sliced-crash";
        FaultInjection faults = new FaultInjection(0, 0, CrashPoint.MID_ENCODE);
        VideoTestBed.Invocation r = bed.invoke(FUNCTION, VideoJobs.request(bed, jobId, "inputs/small.mp4", 5,
                "in-process", Map.of("faults", faults)), jobId);
        assertThat(r.failed()).as(r.payload()).isFalse();
        JobChecks.verifiedSlicedOutput(bed, r.json(), jobId, TestVideos.SMALL, 5, SLICE);
        List<ExecutionCost.OneExecution> executions = ExecutionCost.each(bed, r.executionArn());
        assertThat(ExecutionCost.of(bed, r.executionArn()).failedInvocations())
                .as("the crash ended one invocation of the job's execution").isEqualTo(1);
        assertThat(executions).as("the job and its 3 slices, none started twice").hasSize(4);
        JobChecks.writtenOnce(bed, jobId, "chunks", 5);
        assertThat(CrashRule.midEncodeChunks(5)).isEqualTo(3);
        assertThat(JobChecks.outputWrites(bed, jobId)).isEqualTo(1);
    }
}
