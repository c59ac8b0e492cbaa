package io.durablebench.testhooks;

import io.durablebench.video.pipeline.CrashRule;
import java.util.HashSet;
import java.util.Set;

/**
 * Which chunks this invocation has seen encoded (run or replayed), so the mid-encode crash can wait
 * until chunks 0..h-1 are all done ({@link CrashRule#midEncodeReached}). In memory only: it is
 * consulted inside the crash marker's step, which runs once per job.
 */
final class MidEncodeLatch {
    private final int chunkCount;
    private final Set<Integer> done = new HashSet<>();

    MidEncodeLatch(int chunkCount) {
        this.chunkCount = chunkCount;
    }

    synchronized void done(int index) {
        done.add(index);
        notifyAll();
    }

    synchronized void awaitMidEncode() {
        while (!CrashRule.midEncodeReached(done, chunkCount)) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the first half of the chunks", e);
            }
        }
    }
}
