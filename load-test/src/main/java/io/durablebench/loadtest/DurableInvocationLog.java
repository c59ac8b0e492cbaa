package io.durablebench.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the hosted durable functions' per-invocation metrics lines ({@code durable-invocation-metrics},
 * written to stdout as Lambda would send them to CloudWatch Logs) while passing stdout on unchanged,
 * and sums each execution's {@code inOperationsMs} over all of its invocations: the runtime's own
 * measurement of time inside top-level durable operations, which the history cannot give (a step's
 * START and SUCCEED often share one checkpoint call and so one timestamp).
 */
final class DurableInvocationLog extends OutputStream {
    private static final String PREFIX = "{\"type\":\"durable-invocation-metrics\"";
    /** The baseline functions' per-invocation line (shared-model's InvocationLog). */
    private static final String BASELINE_PREFIX = "{\"type\":\"invocation-metrics\"";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream next;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Map<String, Double> inOperationsMs = new ConcurrentHashMap<>();
    private final Map<String, Long> invocations = new ConcurrentHashMap<>();
    private PrintStream replaced;
    private volatile java.util.function.BiConsumer<Long, JsonNode> lineObserver;

    DurableInvocationLog(OutputStream next) {
        this.next = next;
    }

    /** Puts a log in front of {@code System.out} until {@link #close()}. */
    static DurableInvocationLog install() {
        DurableInvocationLog log = new DurableInvocationLog(System.out);
        log.replaced = System.out;
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        return log;
    }

    /** Time inside top-level durable operations over every invocation of the execution seen so far, or n/a. */
    double inOperationsMs(String executionArn) {
        return inOperationsMs.getOrDefault(executionArn, (double) RunRecord.NOT_AVAILABLE);
    }

    /**
     * Hands every per-invocation metrics line, durable or baseline, to {@code observer} with the
     * System.nanoTime() at which its last byte reached stdout (a handler writes it right after taking
     * its duration); null stops.
     */
    void observeLines(java.util.function.BiConsumer<Long, JsonNode> observer) {
        this.lineObserver = observer;
    }

    /** Invocations of the execution whose metrics line was seen. */
    long invocations(String executionArn) {
        return invocations.getOrDefault(executionArn, 0L);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        next.write(b);
        take((byte) b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        next.write(b, off, len);
        for (int i = off; i < off + len; i++) {
            take(b[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        next.flush();
    }

    private void take(byte b) {
        if (b != '\n') {
            line.write(b);
            return;
        }
        long arrived = System.nanoTime();
        String text = line.toString(StandardCharsets.UTF_8).strip();
        line.reset();
        java.util.function.BiConsumer<Long, JsonNode> observer = lineObserver;
        if (observer != null && (text.startsWith(PREFIX) || text.startsWith(BASELINE_PREFIX))) {
            try {
                observer.accept(arrived, JSON.readTree(text));
            } catch (IOException e) {
                // not a whole metrics line: nothing to observe
            }
        }
        if (!text.startsWith(PREFIX)) {
            return;
        }
        try {
            JsonNode n = JSON.readTree(text);
            String arn = n.path("executionArn").asText(null);
            if (arn != null && n.has("inOperationsMs")) {
                inOperationsMs.merge(arn, n.get("inOperationsMs").asDouble(), Double::sum);
                invocations.merge(arn, 1L, Long::sum);
            }
        } catch (IOException e) {
            // not a whole metrics line (a function printed something that looks like one): not ours to count
        }
    }

    @Override
    public void close() {
        if (replaced != null && System.out != replaced) {
            System.out.flush();
            System.setOut(replaced);
        }
    }
}
