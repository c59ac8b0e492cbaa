package io.durablebench.model.video;

import java.util.List;

/**
 * What a video job that failed for good undid before it answered: both functions delete the job's
 * partial work (its objects in S3 and, on the baseline, its records other than the job's own) so that
 * a failed job leaves behind only what {@code kept} names.
 *
 * @param objectsDeleted S3 objects of the job deleted (segments, encoded chunks, an output), as S3
 *                       reported them deleted
 * @param itemsDeleted   table items of the job deleted (the baseline's chunk and slice items; 0 on the
 *                       durable side, which keeps no table)
 * @param storeCalls     S3 and DynamoDB calls the compensation made (lists, deletes, its record writes)
 * @param kept           what the failed job keeps on purpose, so a caller can read the failure
 */
public record VideoCompensation(int objectsDeleted, int itemsDeleted, int storeCalls, List<String> kept) {
    public VideoCompensation {
        kept = kept == null ? List.of() : List.copyOf(kept);
    }

    /** The sum of two parts of one compensation (e.g. done before and after a crash). */
    public VideoCompensation plus(int objects, int items, int calls) {
        return new VideoCompensation(objectsDeleted + objects, itemsDeleted + items, storeCalls + calls, kept);
    }
}
