package io.durablebench.conformance.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The log of each execution, for the vectors' {@code ExpectedLogs}: what the runtime's durable
 * loggers write (one JSON line per message on standard output, tagged with the execution ARN) plus
 * what handlers write to a {@link CaseProbe#replayVisibleLogger replay-visible logger}. Lines are
 * kept as {@code [LEVEL] message}. Everything written to standard output while installed goes to a
 * file instead of the console, which stays free for the suite's report.
 */
public final class LogCapture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, List<String>> LINES = new ConcurrentHashMap<>();
    private static PrintStream console;

    private LogCapture() {
    }

    /** Redirects standard output to {@code file}, collecting durable log lines; returns the console's stream. */
    public static synchronized PrintStream install(Path file) {
        if (console != null) {
            return console;
        }
        try {
            Files.createDirectories(file.getParent());
            OutputStream out = Files.newOutputStream(file);
            console = System.out;
            System.setOut(new PrintStream(new LineTap(out), true, StandardCharsets.UTF_8));
            return console;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    /** Restores standard output. */
    public static synchronized void uninstall() {
        if (console != null) {
            PrintStream tap = System.out;
            System.setOut(console);
            tap.close();
            console = null;
        }
    }

    public static void record(String executionArn, String level, String message) {
        LINES.computeIfAbsent(executionArn, a -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add("[" + level + "] " + message);
    }

    public static List<String> lines(String executionArn) {
        List<String> l = LINES.get(executionArn);
        if (l == null) {
            return List.of();
        }
        synchronized (l) {
            return List.copyOf(l);
        }
    }

    /** Copies bytes to the file and picks the runtime's JSON log lines out of the stream. */
    private static final class LineTap extends OutputStream {
        private final OutputStream file;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        LineTap(OutputStream file) {
            this.file = file;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            file.write(b);
            if (b == '\n') {
                take(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            file.flush();
        }

        @Override
        public synchronized void close() throws IOException {
            file.close();
        }

        private static void take(String text) {
            if (!text.startsWith("{") || !text.contains("\"executionArn\"")) {
                return;
            }
            try {
                JsonNode l = JSON.readTree(text);
                if (l.hasNonNull("executionArn") && l.hasNonNull("message") && l.hasNonNull("level")) {
                    record(l.get("executionArn").asText(), l.get("level").asText(), l.get("message").asText());
                }
            } catch (IOException notALogLine) {
                // some other output that happens to start with '{'
            }
        }
    }
}
