package io.durablebench.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine's load while the experiment runs, sampled once a second from Linux's {@code /proc}: the
 * CPU other processes took (all CPU time minus this process's, so the experiment's own threads, the
 * embedded services included, do not count against it), the CPU a hypervisor stole, and the load
 * average. Other work on the machine slows both sides, but not alike (it lands on whichever run it
 * meets), so the summary warns when it was high.
 */
final class MachineLoad implements AutoCloseable {
    /** Other processes' CPU (and stolen time) above this share of the machine is "high". */
    static final double HIGH_OTHER_SHARE = 0.10;
    private static final Path STAT = Path.of("/proc/stat");
    private static final Path SELF = Path.of("/proc/self/stat");
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private final Thread sampler;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private Optional<CpuTimes> first = Optional.empty();
    private Optional<CpuTimes> last = Optional.empty();
    private double loadSum;
    private double loadMax;
    private int loadSamples;

    private MachineLoad(Duration every) {
        sampler = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    sample();
                    Thread.sleep(every.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "load-test-machine-load");
        sampler.setDaemon(true);
    }

    static MachineLoad start() {
        MachineLoad m = new MachineLoad(Duration.ofSeconds(1));
        m.sample();
        m.sampler.start();
        return m;
    }

    private synchronized void sample() {
        Optional<CpuTimes> now = CpuTimes.read();
        if (first.isEmpty()) {
            first = now;
        }
        if (now.isPresent()) {
            last = now;
        }
        try {
            double load = Double.parseDouble(Files.readString(LOADAVG).trim().split("\\s+")[0]);
            loadSum += load;
            loadMax = Math.max(loadMax, load);
            loadSamples++;
        } catch (IOException | RuntimeException e) {
            // not Linux: the report says so
        }
    }

    /** What was measured from the start to now. */
    synchronized Report report() {
        sample();
        if (first.isEmpty() || last.isEmpty() || last.get().total() <= first.get().total()) {
            return Report.NOT_MEASURED;
        }
        CpuTimes a = first.get();
        CpuTimes b = last.get();
        double total = b.total() - a.total(); // jiffies of all cores
        double busy = (b.total() - b.idle()) - (a.total() - a.idle());
        double own = b.process() - a.process();
        double steal = b.steal() - a.steal();
        return new Report(cores, Math.max(0, (busy - own - steal) / total), own / total, steal / total,
                loadSum / loadSamples, loadMax);
    }

    @Override
    public void close() {
        sampler.interrupt();
    }

    /**
     * The machine's load over the run, as shares of all cores' time.
     *
     * @param otherShare CPU time of other processes
     * @param ownShare   CPU time of this process (the driver and, on the embedded target, the services and functions)
     * @param stealShare time the hypervisor gave to other machines
     */
    record Report(int cores, double otherShare, double ownShare, double stealShare, double meanLoadAverage,
                  double maxLoadAverage) {
        static final Report NOT_MEASURED = new Report(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        boolean measured() {
            return cores > 0;
        }

        /** Other processes and the hypervisor took more than {@link #HIGH_OTHER_SHARE} of the machine. */
        boolean high() {
            return measured() && otherShare + stealShare > HIGH_OTHER_SHARE;
        }

        String describe() {
            if (!measured()) {
                return "not measured (no /proc/stat)";
            }
            return String.format(Locale.ROOT, "other processes %.0f %% of the %d cores' time, stolen %.0f %%, this process"
                    + " %.0f %%; load average %.2f mean, %.2f max (the experiment's own threads included)",
                    100 * otherShare, cores, 100 * stealShare, 100 * ownShare, meanLoadAverage, maxLoadAverage);
        }
    }

    /**
     * Cumulative CPU time in clock ticks: all cores ({@code /proc/stat}'s first line), of which idle
     * (idle + iowait) and stolen, and this process's user + system time ({@code /proc/self/stat}).
     */
    record CpuTimes(long total, long idle, long steal, long process) {
        static Optional<CpuTimes> read() {
            try {
                return Optional.of(parse(Files.readAllLines(STAT).get(0), Files.readString(SELF)));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        /** @param cpuLine {@code cpu user nice system idle iowait irq softirq steal guest guest_nice} */
        static CpuTimes parse(String cpuLine, String selfStat) {
            String[] f = cpuLine.trim().split("\\s+");
            if (!f[0].equals("cpu")) {
                throw new IllegalArgumentException("not the all-cores line of /proc/stat: " + cpuLine);
            }
            long total = 0;
            // guest time is already inside user and nice: the first eight fields are the whole
            for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            // the command name may hold spaces and parentheses: fields are counted after its last ')'
            String[] p = selfStat.substring(selfStat.lastIndexOf(')') + 2).trim().split("\\s+");
            long process = Long.parseLong(p[11]) + Long.parseLong(p[12]); // utime, stime: fields 14 and 15
            return new CpuTimes(total, idle, steal, process);
        }
    }
}
