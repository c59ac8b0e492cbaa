package io.durablebench.locallambda.async;

import io.durablebench.locallambda.store.SyncedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The queued asynchronous events, one small file each under {@code <data-dir>/async/queue/}: an
 * event is written (and synced) before its 202 is answered and after each failed attempt, and
 * deleted once it succeeded or went to its destination, so an event the service accepted survives
 * {@code kill -9} and is delivered after the restart. No data directory: nothing is kept.
 */
final class EventStore {
    private final Path dir;

    /** @param dir where the events live; null keeps none */
    EventStore(Path dir) {
        this.dir = dir;
    }

    void save(AsyncEvent event) {
        if (dir != null) {
            SyncedFiles.write(file(event.requestId()), event.toJson());
        }
    }

    void delete(String requestId) {
        if (dir != null) {
            SyncedFiles.delete(file(requestId));
        }
    }

    /** Every event still queued (a start after a crash finds the ones it had not finished). */
    List<AsyncEvent> load() {
        List<AsyncEvent> out = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    out.add(AsyncEvent.fromJson(Files.readAllBytes(f)));
                } catch (IOException e) {
                    throw AsyncEvent.unreadable(f.toString(), e);
                }
            }
        } catch (IOException e) {
            throw AsyncEvent.unreadable(dir.toString(), e);
        }
        return out;
    }

    private Path file(String requestId) {
        return dir.resolve(requestId + ".json");
    }
}
