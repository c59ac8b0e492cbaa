package io.durablebench.locallambda.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The process ids of the running execution environments, one small file each under
 * {@code <data-dir>/environments/}, so that a service killed with {@code kill -9} (whose children
 * live on) can end them when it starts again. Each record holds the process's start time too: a
 * recorded id that now belongs to another process (ids are reused) is left alone.
 */
public final class EnvironmentRecords {
    private final Path dir;

    /** @param dir where the records live; null keeps none (no data directory) */
    public EnvironmentRecords(Path dir) {
        this.dir = dir;
        if (dir != null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    void started(ProcessHandle process) {
        if (dir == null) {
            return;
        }
        String start = process.info().startInstant().map(Instant::toString).orElse("");
        try {
            Files.writeString(dir.resolve(process.pid() + ".pid"), process.pid() + " " + start + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not record environment " + process.pid(), e);
        }
    }

    void ended(long pid) {
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve(pid + ".pid"));
        } catch (IOException ignored) {
            // a stale record is ended (or found gone) at the next start
        }
    }

    /**
     * Ends every recorded environment that is still running (the same process: same id and start
     * time), waits for it to be gone, and clears the records. Returns the ids it ended.
     */
    public List<Long> endLeftovers() {
        List<Long> ended = new ArrayList<>();
        if (dir == null) {
            return ended;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".pid")).toList()) {
                String[] parts = Files.readString(f, StandardCharsets.UTF_8).trim().split(" ");
                long pid = Long.parseLong(parts[0]);
                String start = parts.length > 1 ? parts[1] : "";
                Optional<ProcessHandle> p = ProcessHandle.of(pid);
                if (p.isPresent() && p.get().isAlive()
                        && p.get().info().startInstant().map(Instant::toString).orElse("").equals(start)) {
                    p.get().destroyForcibly();
                    p.get().onExit().join();
                    ended.add(pid);
                }
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the environment records in " + dir, e);
        }
        return ended;
    }
}
