package io.durablebench.durable.testing.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What a benchmark report says about the machine it ran on, read from Linux's /proc. */
public final class MachineFacts {
    private MachineFacts() {
    }

    /** The first CPU's model name, or "model unknown". */
    public static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("model unknown");
        } catch (IOException e) {
            return "model unknown";
        }
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg has them; empty where there is none. */
    public static Optional<String> loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return Optional.of(f[0] + " " + f[1] + " " + f[2]);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
