package io.durablebench.video.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.durablebench.model.video.FaultInjection;
import io.durablebench.video.media.SyntheticVideoSpec;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of a test class whose tests share one {@link VideoTestBed}: started before its first test with
 * the class's settings (test hooks on) and its sources uploaded, closed after its last test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class VideoBedTest {
    /** Where the small source ({@link TestVideos#SMALL}) is uploaded. */
    public static final String SMALL_SOURCE = "inputs/small.mp4";
    /** Where the benchmark source ({@link TestVideos#BENCHMARK}) is uploaded, by the classes that ask for it. */
    public static final String BENCHMARK_SOURCE = "inputs/benchmark.mp4";

    private final Map<String, String> environment;
    private final boolean skipTime;
    private final Map<String, SyntheticVideoSpec> sources;
    protected VideoTestBed bed;

    /**
     * @param environment extra variables for every function ({@link VideoTestBed#start(Map, boolean)})
     * @param skipTime    waits and step retry delays of durable functions end at once
     * @param benchmark   upload the benchmark source too (the small one always is)
     */
    protected VideoBedTest(Map<String, String> environment, boolean skipTime, boolean benchmark) {
        this.environment = environment;
        this.skipTime = skipTime;
        this.sources = benchmark ? Map.of(SMALL_SOURCE, TestVideos.SMALL, BENCHMARK_SOURCE, TestVideos.BENCHMARK)
                : Map.of(SMALL_SOURCE, TestVideos.SMALL);
    }

    /** {@link VideoJobs#LIMITS} with {@code settings} added. */
    protected static Map<String, String> limitsAnd(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(VideoJobs.LIMITS);
        env.putAll(settings);
        return env;
    }

    /** Starts the bed on the local stores; a class that runs on other stores overrides it. */
    protected VideoTestBed start(Map<String, String> environment, boolean skipTime) {
        return VideoTestBed.start(environment, skipTime);
    }

    /**
     * A 5-chunk job of the small source, in slices of {@code slice} chunks, under a 30 % injected
     * chunk failure rate (a seed that fails at least 2 chunks, each within 4 attempts): its output is
     * verified and each chunk took the attempts the shared fault decision prescribes.
     *
     * @param executionName the durable execution name (the job id), or null for a baseline
     */
    protected final void slicedJobSurvivesThirtyPercentFailures(String function, String jobId, int slice,
                                                                String executionName) {
        FaultInjection faults = VideoJobs.failures(0.3, jobId, 5, 2, 4);
        VideoTestBed.Invocation r = bed.invoke(function, VideoJobs.request(bed, jobId, SMALL_SOURCE, 5, "in-process",
                Map.of("faults", faults)), executionName);
        assertThat(r.failed()).as(r.payload()).isFalse();
        JobChecks.verifiedSlicedOutput(bed, r.json(), jobId, TestVideos.SMALL, 5, slice);
        JobChecks.faultsHandledInSlices(bed, r.json(), jobId, faults, 5);
    }

    @BeforeAll
    protected final void startBed() {
        bed = start(environment, skipTime);
        sources.forEach((key, spec) -> bed.upload(key, TestVideos.of(spec)));
    }

    @AfterAll
    protected final void stopBed() {
        if (bed != null) {
            bed.close();
        }
    }
}
