package io.durablebench.video.baseline;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The keys and common attributes of the video table's items, for {@link JobTable} and
 * {@link PaperJobTable}: the job item ({@code pk = job#<jobId>, sk = job}) and one item per chunk
 * ({@code sk = chunk#0007}), so one Query reads all of a job's chunks, and for a job in slices one
 * item per slice ({@code sk = slice#0003}). Items expire 7 days after their last write.
 */
final class JobItems {
    static final Duration RETENTION = Duration.ofDays(7);
    static final String JOB_SK = "job";
    static final String CHUNK_PREFIX = "chunk#";
    static final String SLICE_PREFIX = "slice#";

    private JobItems() {
    }

    static String pk(String jobId) {
        return "job#" + jobId;
    }

    static String chunkSk(int index) {
        return CHUNK_PREFIX + String.format("%04d", index);
    }

    static String sliceSk(int index) {
        return SLICE_PREFIX + String.format("%04d", index);
    }

    static Map<String, AttributeValue> key(String jobId, String sk) {
        return Map.of("pk", s(pk(jobId)), "sk", s(sk));
    }

    /** {@code expiresAt} of an item written now. */
    static AttributeValue expiry(Clock clock) {
        return n(clock.instant().plus(RETENTION).getEpochSecond());
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
