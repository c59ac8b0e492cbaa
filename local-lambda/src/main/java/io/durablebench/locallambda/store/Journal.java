package io.durablebench.locallambda.store;

import java.util.List;

/**
 * Where the service keeps its executions: an append-only log of records. {@link #append} returns
 * only once the record is durable, so the service acknowledges nothing it could lose.
 */
public interface Journal extends AutoCloseable {

    /** Appends one record and returns once it survives a crash of the process (and, for files, of the OS). */
    void append(byte[] record);

    /** The records found when the journal was opened, oldest first. */
    List<byte[]> recovered();

    /** Replaces the whole journal by {@code records} in one atomic step (compaction at start-up). */
    void rewrite(List<byte[]> records);

    JournalStats stats();

    @Override
    void close();

    /**
     * Counters of the journal's work since it was opened.
     *
     * @param appends    records appended
     * @param syncs      fsync calls (one per group of concurrent appends)
     * @param bytes      bytes written, framing included
     * @param syncNanos  time spent in fsync
     * @param writeNanos time spent writing and syncing, per group, summed
     */
    record JournalStats(long appends, long syncs, long bytes, long syncNanos, long writeNanos) {
    }
}
