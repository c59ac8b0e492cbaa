package io.durablebench.video.pipeline;

import io.durablebench.model.video.CrashPoint;
import java.util.Set;

/**
 * Where exactly each side crashes for a {@link CrashPoint}, so both crash at the same point of the
 * work. Whether the point was reached before is recorded in each side's own store (a durable step,
 * a job-record attribute) so that the crash happens once per job.
 *
 * <p>{@link CrashPoint#MID_ENCODE} is defined by chunk indexes, not by completion order, so that a
 * replaying durable function finds the same point again: the crash happens once chunks
 * {@code 0 .. h-1} (h = half of the chunks, rounded up) are all encoded and stored; chunks from h on
 * may or may not be done by then.
 */
public final class CrashRule {
    private CrashRule() {
    }

    /** h: the chunks 0..h-1 that must be done before the mid-encode crash. */
    public static int midEncodeChunks(int chunkCount) {
        return (chunkCount + 1) / 2;
    }

    /** Whether chunks 0..h-1 are all among {@code done}. */
    public static boolean midEncodeReached(Set<Integer> done, int chunkCount) {
        int h = midEncodeChunks(chunkCount);
        for (int i = 0; i < h; i++) {
            if (!done.contains(i)) {
                return false;
            }
        }
        return true;
    }
}
