package io.durablebench.video.baseline;

import io.durablebench.model.video.VideoSliceResult;

/**
 * A slice item as read back (a job in slices: one item per slice, written by its slice coordinator).
 *
 * @param status    DONE or FAILED
 * @param updatedAt epoch milliseconds of the write
 * @param result    the slice's answer when DONE
 * @param error     why it failed, when FAILED
 */
record SliceRecord(int index, String status, long updatedAt, VideoSliceResult result, String error) {
    static final String DONE = "DONE";
    static final String FAILED = "FAILED";

    boolean done() {
        return DONE.equals(status);
    }

    boolean failed() {
        return FAILED.equals(status);
    }
}
