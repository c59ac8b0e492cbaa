package io.durablebench.testhooks;

import io.durablebench.model.video.CrashPoint;
import io.durablebench.model.video.FaultInjection;
import io.durablebench.video.pipeline.ChunkTask;
import io.durablebench.video.pipeline.CrashRule;
import io.durablebench.video.pipeline.InjectedCrash;
import io.durablebench.video.pipeline.JobHooks;
import io.durablebench.video.pipeline.JobStage;
import io.durablebench.video.pipeline.TransientChunkFailure;
import java.util.Set;

/**
 * The hooks of one job as its {@link FaultInjection} asks: chunk attempts fail after their encode
 * and before their upload (so a failed attempt costs the work and writes nothing), and the
 * invocation crashes ({@link InjectedCrash}) the first time the job reaches its crash point, as the
 * function's {@link JobHooks.Marker} records. One instance per job and invocation.
 */
final class InjectedFaults implements JobHooks {
    private final FaultInjection faults;
    private final String jobId;
    private MidEncodeLatch latch;
    private boolean midEncodeChecked;

    InjectedFaults(FaultInjection faults, String jobId) {
        this.faults = faults;
        this.jobId = jobId;
    }

    @Override
    public void beforeChunkStored(ChunkTask task, int attempt) {
        if (faults.chunkAttemptFails(task.jobId(), task.index(), attempt)) {
            throw new TransientChunkFailure("injected transient failure of chunk " + task.index() + ", attempt "
                    + attempt + " (chunkFailureProbability " + faults.chunkFailureProbability() + ")");
        }
    }

    @Override
    public void stageDone(JobStage stage, Marker marker) {
        crashAt(CrashPoint.after(stage), marker, () -> {
        });
    }

    @Override
    public void compensating(Marker marker) {
        crashAt(CrashPoint.MID_COMPENSATION, marker, () -> {
        });
    }

    /**
     * The durable side: the mid-encode marker goes into map item h-1 (by index, so a replay finds it
     * in the same place), which waits there until chunks 0..h-1 are all done.
     */
    @Override
    public void chunkDone(int index, int chunkCount, Marker marker) {
        MidEncodeLatch l = latch(chunkCount);
        l.done(index);
        if (index == CrashRule.midEncodeChunks(chunkCount) - 1) {
            crashAt(CrashPoint.MID_ENCODE, marker, l::awaitMidEncode);
        }
    }

    /** The baseline side: the first time chunks 0..h-1 are all done, in whatever order they finished. */
    @Override
    public void chunksDone(Set<Integer> done, int chunkCount, Marker marker) {
        if (faults.crashPoint() == CrashPoint.MID_ENCODE && !midEncodeChecked
                && CrashRule.midEncodeReached(done, chunkCount)) {
            midEncodeChecked = true;
            crashAt(CrashPoint.MID_ENCODE, marker, () -> {
            });
        }
    }

    private void crashAt(CrashPoint point, Marker marker, Runnable beforeRecording) {
        if (faults.crashPoint() == point && marker.firstTime(point.wireName(), beforeRecording)) {
            throw new InjectedCrash(point, jobId);
        }
    }

    private synchronized MidEncodeLatch latch(int chunkCount) {
        if (latch == null) {
            latch = new MidEncodeLatch(chunkCount);
        }
        return latch;
    }
}
