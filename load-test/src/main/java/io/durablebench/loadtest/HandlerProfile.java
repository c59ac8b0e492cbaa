package io.durablebench.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the functions' threads spend a run, from Java Flight Recorder: CPU samples (every
 * {@link #SAMPLING}) and waits (monitor waits and parks, every one) on the threads that run the
 * functions (the local Lambda's handler threads, the durable runtime's threads), inside each recorded
 * run's window, per side. A sample whose stack holds an AWS SDK frame is inside an SDK call; any other
 * is charged to the component of its innermost project or library frame.
 */
final class HandlerProfile implements AutoCloseable {
    static final Duration SAMPLING = Duration.ofMillis(1);
    private static final List<String> FUNCTION_THREADS = List.of("local-lambda-handler", "durable-");

    private final Recording recording = new Recording();
    private final List<Window> windows = new ArrayList<>();

    /** One run: its side and when it ran. */
    record Window(String side, Instant start, Instant end) {
    }

    /** What one side's runs spent, summed over its runs. */
    record SideProfile(int runs, Map<String, Integer> cpuSamples, Map<String, Double> waitMs, Map<String, Integer> waits) {
    }

    HandlerProfile() {
        recording.enable("jdk.ExecutionSample").withPeriod(SAMPLING).withStackTrace();
        recording.enable("jdk.JavaMonitorWait").withThreshold(Duration.ZERO).withStackTrace();
        recording.enable("jdk.ThreadPark").withThreshold(Duration.ZERO).withStackTrace();
        recording.setToDisk(true);
        recording.start();
    }

    void add(String side, Instant start, Instant end) {
        windows.add(new Window(side, start, end));
    }

    /** Stops recording and sums each side's samples and waits inside its runs' windows. */
    Map<String, SideProfile> analyze() throws IOException {
        recording.stop();
        Path file = Files.createTempFile("load-test-profile", ".jfr");
        try {
            recording.dump(file);
            Map<String, SideProfile> out = new TreeMap<>();
            for (Window w : windows) {
                out.computeIfAbsent(w.side(), s -> new SideProfile(0, new TreeMap<>(), new TreeMap<>(), new TreeMap<>()));
                SideProfile p = out.get(w.side());
                out.put(w.side(), new SideProfile(p.runs() + 1, p.cpuSamples(), p.waitMs(), p.waits()));
            }
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                String thread = threadName(e);
                if (FUNCTION_THREADS.stream().noneMatch(thread::startsWith)) {
                    continue;
                }
                Window w = windowOf(e.getStartTime());
                if (w == null) {
                    continue;
                }
                SideProfile p = out.get(w.side());
                if (e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    p.cpuSamples().merge(component(e), 1, Integer::sum);
                } else {
                    String site = site(e) == null ? null : threadRole(thread) + ": " + site(e);
                    if (site != null) { // a pool thread parked without project code waits for work, not for a run
                        p.waitMs().merge(site, e.getDuration().toNanos() / 1e6, Double::sum);
                        p.waits().merge(site, 1, Integer::sum);
                    }
                }
            }
            return out;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String threadName(RecordedEvent e) {
        var t = e.getEventType().getName().equals("jdk.ExecutionSample") ? e.getThread("sampledThread") : e.getThread();
        return t == null || t.getJavaName() == null ? "" : t.getJavaName();
    }

    private Window windowOf(Instant at) {
        for (Window w : windows) {
            if (!at.isBefore(w.start()) && !at.isAfter(w.end())) {
                return w;
            }
        }
        return null;
    }

    /** What a function thread is for. */
    static String threadRole(String thread) {
        if (thread.startsWith("durable-checkpoint")) {
            return "checkpoint sender thread";
        }
        return thread.startsWith("durable-") ? "durable user-code thread" : "handler thread";
    }

    /** "inside an AWS SDK call", or the component of the innermost frame that is not the JDK's. */
    static String component(RecordedEvent sample) {
        List<RecordedFrame> frames = sample.getStackTrace() == null ? List.of() : sample.getStackTrace().getFrames();
        List<String> classes = frames.stream().map(f -> f.getMethod().getType().getName()).toList();
        return component(classes);
    }

    /** @param classes a stack's classes, innermost first */
    static String component(List<String> classes) {
        if (classes.stream().anyMatch(c -> c.startsWith("software.amazon.awssdk") || c.startsWith("org.apache.http"))) {
            return "inside an AWS SDK call";
        }
        for (String c : classes) {
            if (c.startsWith("com.fasterxml.jackson")) {
                return "JSON (Jackson)";
            }
            if (c.startsWith("io.durablebench.durable")) {
                return "durable runtime";
            }
            if (c.startsWith("io.durablebench.counter")) {
                return "counter function code";
            }
            if (c.startsWith("io.durablebench.model")) {
                return "shared model (request decoding, metrics)";
            }
            if (c.startsWith("io.durablebench.local") || c.startsWith("com.sun.net.httpserver") || c.startsWith("sun.net.httpserver")) {
                return "local Lambda (hosting, not the function)";
            }
        }
        return "JDK only (threads, locks, collections)";
    }

    /** Where a wait happened: the innermost project frame, or null if it has none. */
    static String site(RecordedEvent wait) {
        if (wait.getStackTrace() == null) {
            return null;
        }
        for (RecordedFrame f : wait.getStackTrace().getFrames()) {
            String c = f.getMethod().getType().getName();
            if (c.startsWith("io.durablebench")) {
                return c.substring(c.lastIndexOf('.') + 1) + "." + f.getMethod().getName()
                        + (wait.getEventType().getName().equals("jdk.ThreadPark") ? " (park)" : " (monitor wait)");
            }
        }
        return null;
    }

    @Override
    public void close() {
        recording.close();
    }
}
