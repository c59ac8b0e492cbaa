package io.durablebench.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading /proc's CPU counters, and when the summary calls the machine busy. */
class MachineLoadTest {
    @Test
    void parsesTheAllCoresLineAndTheProcessesOwnTimes() {
        // user 100 nice 10 system 40 idle 800 iowait 20 irq 5 softirq 5 steal 20 guest 30 guest_nice 0
        String cpu = "cpu  100 10 40 800 20 5 5 20 30 0";
        // a command name with a space and a parenthesis; utime (field 14) 57, stime (15) 13
        String self = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 1000 0 3 0 57 13 0 0 20 0 42 0 100 0 0";
        MachineLoad.CpuTimes t = MachineLoad.CpuTimes.parse(cpu, self);
        assertThat(t.total()).isEqualTo(100 + 10 + 40 + 800 + 20 + 5 + 5 + 20); // guest time is inside user already
        assertThat(t.idle()).isEqualTo(820);
        assertThat(t.steal()).isEqualTo(20);
        assertThat(t.process()).isEqualTo(70);
    }

    @Test
    void busyMeansOtherWorkOrStolenTimeAboveATenthOfTheMachine() {
        assertThat(new MachineLoad.Report(2, 0.05, 0.90, 0.0, 4, 9).high()).as("the experiment's own load").isFalse();
        assertThat(new MachineLoad.Report(2, 0.08, 0.50, 0.03, 2, 3).high()).isTrue();
        assertThat(new MachineLoad.Report(2, 0.40, 0.50, 0.0, 12, 20).high()).isTrue();
        assertThat(MachineLoad.Report.NOT_MEASURED.high()).isFalse();
        assertThat(new MachineLoad.Report(2, 0.40, 0.50, 0.0, 12, 20).describe())
                .contains("other processes 40 % of the 2 cores' time", "this process 50 %");
    }

    @Test
    void aReportFromThisMachineAddsUp() throws Exception {
        try (MachineLoad load = MachineLoad.start()) {
            long until = System.nanoTime() + 300_000_000L;
            double x = 0;
            while (System.nanoTime() < until) {
                x += Math.sqrt(x + 1); // some CPU of our own to see
            }
            MachineLoad.Report r = load.report();
            if (r.measured()) { // Linux
                assertThat(r.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
                assertThat(r.otherShare() + r.ownShare() + r.stealShare()).isBetween(0.0, 1.0 + 1e-9);
                assertThat(r.ownShare()).isNotNegative();
            }
            assertThat(x).isPositive();
        }
    }
}
