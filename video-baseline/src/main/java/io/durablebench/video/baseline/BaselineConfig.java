package io.durablebench.video.baseline;

import io.durablebench.model.aws.FunctionEnvironment;
import java.time.Duration;

/**
 * The baseline's own settings (besides {@link io.durablebench.video.pipeline.PipelineConfig}):
 *
 * <ul>
 *   <li>{@code VIDEO_TABLE}: the job/chunk table;</li>
 *   <li>{@code CHUNK_WORKER_FUNCTION}: the worker for fan-out per-chunk-invocation;</li>
 *   <li>{@code COORDINATION}: {@code optimized} (default) or {@code paper};</li>
 *   <li>{@code VIDEO_JOB_LEASE_SECONDS} (60): how long a job's owner is presumed alive without
 *       renewing; a repeated request waits at most this long after a crash before taking over;</li>
 *   <li>{@code VIDEO_POLL_MILLIS} (500; paper mode 1000): how often a coordinator reads chunk
 *       records while workers run;</li>
 *   <li>{@code CHUNK_WORKER_LOST_AFTER_SECONDS} (330: the worker's Timeout of 300 s plus a margin): a
 *       dispatched chunk with no news for longer than this has lost its worker (Lambda has ended
 *       that invocation by then) and is sent again.</li>
 *   <li>{@code SLICE_COORDINATOR_FUNCTION}: the slice coordinator for jobs in slices;</li>
 *   <li>{@code SLICE_LOST_AFTER_SECONDS} (960: the slice coordinator's Timeout of 900 s plus a
 *       margin): a dispatched slice not DONE this long after it was sent has lost its coordinator
 *       and is sent again, to resume from its chunk items.</li>
 * </ul>
 */
record BaselineConfig(String table, String workerFunction, Coordination coordination, Duration lease,
                      Duration pollInterval, Duration busyPollInterval, Duration workerLostAfter,
                      String sliceFunction, Duration sliceLostAfter) {

    static BaselineConfig fromEnvironment(FunctionEnvironment env) {
        Coordination coordination = Coordination.parse(env.get("COORDINATION").orElse(null));
        long defaultPoll = coordination == Coordination.PAPER ? 1000 : 500;
        return new BaselineConfig(env.require("VIDEO_TABLE"), env.get("CHUNK_WORKER_FUNCTION").orElse(null),
                coordination,
                Duration.ofSeconds(env.longOf("VIDEO_JOB_LEASE_SECONDS", 60)),
                Duration.ofMillis(env.longOf("VIDEO_POLL_MILLIS", defaultPoll)),
                Duration.ofMillis(env.longOf("VIDEO_BUSY_POLL_MILLIS", 1000)),
                Duration.ofSeconds(env.longOf("CHUNK_WORKER_LOST_AFTER_SECONDS", 330)),
                env.get("SLICE_COORDINATOR_FUNCTION").orElse(null),
                Duration.ofSeconds(env.longOf("SLICE_LOST_AFTER_SECONDS", 960)));
    }
}
