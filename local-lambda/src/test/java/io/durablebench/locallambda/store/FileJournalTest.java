package io.durablebench.locallambda.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJournalTest {
    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<byte[]> records) {
        return records.stream().map(r -> new String(r, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void recordsSurviveReopening() {
        try (FileJournal j = FileJournal.open(dir)) {
            j.append(b("one"));
            j.append(b("two"));
            assertThat(j.stats().appends()).isEqualTo(2);
            assertThat(j.stats().syncs()).isBetween(1L, 2L);
        }
        try (FileJournal j = FileJournal.open(dir)) {
            assertThat(texts(j.recovered())).containsExactly("one", "two");
            j.append(b("three"));
        }
        try (FileJournal j = FileJournal.open(dir)) {
            assertThat(texts(j.recovered())).containsExactly("one", "two", "three");
        }
    }

    /** A journal in {@code dir} holding {@code records}, closed; returns its file. */
    private Path journalOf(String... records) {
        try (FileJournal j = FileJournal.open(dir)) {
            for (String r : records) {
                j.append(b(r));
            }
        }
        return dir.resolve("journal.log");
    }

    @Test
    void aTornTailIsCutOff() throws IOException {
        Path file = journalOf("kept", "also kept");
        long goodSize = Files.size(file);
        // A crash in the middle of a write: a header promising more bytes than follow.
        Files.write(file, new byte[] {0, 0, 0, 50, 1, 2, 3, 4, 'p', 'a', 'r'}, StandardOpenOption.APPEND);
        try (FileJournal j = FileJournal.open(dir)) {
            assertThat(texts(j.recovered())).containsExactly("kept", "also kept");
            assertThat(Files.size(file)).isEqualTo(goodSize);
            j.append(b("after"));
        }
        try (FileJournal j = FileJournal.open(dir)) {
            assertThat(texts(j.recovered())).containsExactly("kept", "also kept", "after");
        }
    }

    @Test
    void aCorruptRecordEndsRecovery() throws IOException {
        Path file = journalOf("first", "second");
        byte[] all = Files.readAllBytes(file);
        all[all.length - 1] ^= 0x55; // flip bits in the last record's body: its checksum no longer matches
        Files.write(file, all);
        try (FileJournal j = FileJournal.open(dir)) {
            assertThat(texts(j.recovered())).containsExactly("first");
        }
    }

    @Test
    void rewriteReplacesTheJournalAtomically() {
        try (FileJournal j = FileJournal.open(dir)) {
            for (int i = 0; i < 10; i++) {
                j.append(b("r" + i));
            }
            j.rewrite(List.of(b("compacted")));
            j.append(b("next"));
        }
        try (FileJournal j = FileJournal.open(dir)) {
            assertThat(texts(j.recovered())).containsExactly("compacted", "next");
        }
        assertThat(dir.resolve("journal.log.compact")).doesNotExist();
    }

    @Test
    void concurrentAppendsAreGroupCommitted() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (FileJournal j = FileJournal.open(dir)) {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                fs.add(pool.submit(() -> j.append(b("rec-" + n))));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            assertThat(j.stats().appends()).isEqualTo(400);
            assertThat(j.stats().syncs()).isLessThanOrEqualTo(400);
        } finally {
            pool.shutdown();
        }
        try (FileJournal j = FileJournal.open(dir)) {
            assertThat(j.recovered()).hasSize(400);
        }
    }
}
