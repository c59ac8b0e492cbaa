package io.durablebench.locallambda.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * An append-only journal file, fsynced before {@link #append} returns.
 *
 * <p>Each record is framed as {@code [int length][int CRC32C][bytes]}. Opening the file reads every
 * complete frame and cuts off a torn tail (a frame cut short or failing its checksum: the write a
 * crash interrupted, which was never acknowledged).
 *
 * <p>Appends from concurrent callers are group-committed: one writer thread takes every record
 * waiting, writes them with one gathering write and makes them durable with one
 * {@code fdatasync}; each caller returns when the sync that covers its record is done.
 */
public final class FileJournal implements Journal {
    private static final int HEADER = 8;
    /** A frame longer than this is treated as garbage, not as a record. */
    private static final int MAX_RECORD = 64 * 1024 * 1024;

    private final Path file;
    private final List<byte[]> recovered;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile FileChannel channel;
    private volatile boolean closed;

    private long appends;
    private long syncs;
    private long bytes;
    private long syncNanos;
    private long writeNanos;

    private record Pending(byte[] record, CompletableFuture<Void> done) {
    }

    private FileJournal(Path file, List<byte[]> recovered, FileChannel channel) {
        this.file = file;
        this.recovered = recovered;
        this.channel = channel;
        this.writer = new Thread(this::writeLoop, "local-lambda-journal");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Opens (or creates) {@code dir/journal.log}, recovering its records. */
    public static FileJournal open(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("journal.log");
            List<byte[]> records = new ArrayList<>();
            long good = 0;
            if (Files.exists(file)) {
                byte[] all = Files.readAllBytes(file);
                ByteBuffer buf = ByteBuffer.wrap(all);
                while (buf.remaining() >= HEADER) {
                    int len = buf.getInt();
                    int crc = buf.getInt();
                    if (len < 0 || len > MAX_RECORD || len > buf.remaining()) {
                        break;
                    }
                    byte[] rec = new byte[len];
                    buf.get(rec);
                    if (crc(rec) != crc) {
                        break;
                    }
                    records.add(rec);
                    good = buf.position();
                }
            }
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            if (ch.size() > good) {
                ch.truncate(good);
                ch.force(true);
            }
            ch.position(good);
            return new FileJournal(file, List.copyOf(records), ch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal in " + dir, e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void append(byte[] record) {
        if (closed) {
            throw new IllegalStateException("journal is closed");
        }
        Pending p = new Pending(record, new CompletableFuture<>());
        queue.add(p);
        try {
            p.done.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException("journal write failed", io);
            }
            throw new IllegalStateException("journal write failed", cause);
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch);
                writeBatch(batch);
            } catch (InterruptedException e) {
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void writeBatch(List<Pending> batch) {
        long t0 = System.nanoTime();
        try {
            ByteBuffer[] buffers = new ByteBuffer[batch.size()];
            long total = 0;
            for (int i = 0; i < batch.size(); i++) {
                byte[] rec = batch.get(i).record;
                ByteBuffer b = ByteBuffer.allocate(HEADER + rec.length);
                b.putInt(rec.length).putInt(crc(rec)).put(rec).flip();
                buffers[i] = b;
                total += b.remaining();
            }
            FileChannel ch = channel;
            long written = 0;
            while (written < total) {
                written += ch.write(buffers);
            }
            long s0 = System.nanoTime();
            ch.force(false);
            long s1 = System.nanoTime();
            synchronized (this) {
                appends += batch.size();
                syncs++;
                bytes += total;
                syncNanos += s1 - s0;
                writeNanos += s1 - t0;
            }
            for (Pending p : batch) {
                p.done.complete(null);
            }
        } catch (IOException | RuntimeException e) {
            for (Pending p : batch) {
                p.done.completeExceptionally(e);
            }
        }
    }

    @Override
    public List<byte[]> recovered() {
        return recovered;
    }

    /**
     * Writes {@code records} to a new file, syncs it, and renames it over the journal (then syncs
     * the directory), so a crash leaves either the old journal or the new one. Only call while no
     * append is in progress.
     */
    @Override
    public synchronized void rewrite(List<byte[]> records) {
        Path tmp = file.resolveSibling(file.getFileName() + ".compact");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                for (byte[] rec : records) {
                    ByteBuffer b = ByteBuffer.allocate(HEADER + rec.length);
                    b.putInt(rec.length).putInt(crc(rec)).put(rec).flip();
                    while (b.hasRemaining()) {
                        out.write(b);
                    }
                }
                out.force(true);
            }
            channel.close();
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(file.getParent());
            FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
            ch.position(ch.size());
            channel = ch;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact journal " + file, e);
        }
    }

    private static void syncDirectory(Path dir) {
        SyncedFiles.syncDirectory(dir);
    }

    @Override
    public synchronized JournalStats stats() {
        return new JournalStats(appends, syncs, bytes, syncNanos, writeNanos);
    }

    @Override
    public void close() {
        closed = true;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing after a failed write; nothing more to save
        }
    }

    private static int crc(byte[] rec) {
        CRC32C c = new CRC32C();
        c.update(rec);
        return (int) c.getValue();
    }
}
