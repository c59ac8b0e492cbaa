package io.durablebench.video.durable;

import io.durablebench.durable.DurableContext;
import io.durablebench.video.pipeline.JobHooks;

/**
 * The durable side's record that a job reached a point (for test hooks' crash points): a step
 * {@code crash-<point>} whose result is checkpointed before the hook crashes, so that when the
 * service invokes the function again the step replays and nothing crashes. Created only when a
 * job's hooks call it, so a job without hooks has no such step.
 */
final class DurableMarker implements JobHooks.Marker {
    private final DurableContext ctx;

    DurableMarker(DurableContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public boolean firstTime(String point, Runnable beforeRecording) {
        boolean[] ranNow = {false};
        ctx.step("crash-" + point, Boolean.class, step -> {
            beforeRecording.run();
            ranNow[0] = true;
            return true;
        }, DurableRetries.ONCE);
        return ranNow[0];
    }
}
