package io.durablebench.durable;

/** Where one map item or parallel branch ended. */
public enum BatchItemStatus {
    SUCCEEDED,
    FAILED,
    /** Started but still running when the map/parallel completed (its result is not recorded). */
    STARTED,
    /** Never started: the map/parallel completed first. */
    NOT_STARTED
}
