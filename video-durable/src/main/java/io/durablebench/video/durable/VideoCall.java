package io.durablebench.video.durable;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.durable.DurableContext;
import io.durablebench.model.metrics.InvocationMetrics;
import io.durablebench.video.pipeline.JobHooks;
import java.util.function.Supplier;

/**
 * One invocation of a durable video function as its workflow sees it ({@link VideoDurableFunction#run}).
 *
 * @param context   the execution's durable context
 * @param resources the instance's resources
 * @param costSoFar what the invocation has cost so far, the durable runtime's counts included
 */
record VideoCall(DurableContext context, VideoFunctionResources resources, Supplier<InvocationMetrics> costSoFar) {
    /** The test hooks of job {@code jobId} from the {@code faults} its input carries ({@link JobHooks#NONE} when off). */
    JobHooks hooks(JsonNode faults, String jobId) {
        return resources.hooks().forJob(faults, "faults", jobId, true);
    }

    /** This invocation's cost so far. */
    InvocationMetrics metrics() {
        return costSoFar.get();
    }
}
