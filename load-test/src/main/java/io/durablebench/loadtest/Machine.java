package io.durablebench.loadtest;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** The machine a run measured on, for the summary's header. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(Locale.ROOT, "%s %s %s, %d processors, Java %s (%s), max heap %d MB, load average %.2f at the end",
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() / (1024 * 1024), load);
    }
}
