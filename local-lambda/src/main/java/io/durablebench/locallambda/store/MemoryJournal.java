package io.durablebench.locallambda.store;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A journal that keeps nothing: for a service started without a data directory. */
public final class MemoryJournal implements Journal {
    private final AtomicLong appends = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    @Override
    public void append(byte[] record) {
        appends.incrementAndGet();
        bytes.addAndGet(record.length);
    }

    @Override
    public List<byte[]> recovered() {
        return List.of();
    }

    @Override
    public void rewrite(List<byte[]> records) {
    }

    @Override
    public JournalStats stats() {
        return new JournalStats(appends.get(), 0, bytes.get(), 0, 0);
    }

    @Override
    public void close() {
    }
}
