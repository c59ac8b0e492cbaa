package io.durablebench.locallambda;

import static io.durablebench.locallambda.LocalLambdaTestSupport.client;
import static io.durablebench.locallambda.LocalLambdaTestSupport.history;
import static io.durablebench.locallambda.LocalLambdaTestSupport.testTemplate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durablebench.locallambda.durable.CrashSwitch;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * The test-only crash switch: off unless its system properties are set; when set, the service halts
 * exactly at the n-th checkpoint call of the watched executions (before applying it, or after it is
 * durable), and a restart without the switch finishes the execution with every step stored once.
 */
class CrashSwitchTest {
    private static final Pattern LISTENING = Pattern.compile("local-lambda listening on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killAll() {
        started.forEach(Process::destroyForcibly);
    }

    /**
     * The service launched as a process of its own the way every normal launch does it (no JVM
     * options: {@code LocalLambdaProcess.start}, {@code scripts/run.sh}'s {@code java -jar}) passes
     * every checkpoint call of executions named with the prefix the crash tests watch: no halt at
     * any crash point, before or after, of those runs.
     */
    @Test
    void isOffInANormalRun() throws Exception {
        Process service = start(dir.resolve("data"), 1, List.of());
        String cmdline = Files.readString(Path.of("/proc/" + service.pid() + "/cmdline")).replace('\0', ' ');
        assertThat(cmdline).contains(Main.class.getName()).doesNotContain("locallambda.crash");
        int steps = 12;
        long calls = 0;
        try (LambdaClient client = client(endpoint(1))) {
            for (String name : List.of("watched-1", "watched-2", "other-1")) {
                String result = client.invoke(b -> b.functionName("StepsFunction:live").durableExecutionName(name)
                        .payload(SdkBytes.fromUtf8String("{\"steps\":" + steps + "}"))).payload().asUtf8String();
                assertThat(result).isEqualTo(Integer.toString(steps * (steps + 1) / 2));
                assertThat(service.isAlive()).as("the service after %s", name).isTrue();
                String arn = client.listDurableExecutionsByFunction(b -> b.functionName("StepsFunction")
                        .durableExecutionName(name)).durableExecutions().get(0).durableExecutionArn();
                calls += LocalApiClient.metrics(endpoint(1), arn).get("CheckpointCalls").asLong();
            }
        }
        // one checkpoint call per step: crash points before:1..36 and after:1..36 were all passed
        assertThat(calls).isEqualTo(3L * steps);
        assertThat(service.isAlive()).isTrue();
        assertThat(service.waitFor(1, TimeUnit.SECONDS)).as("the service did not exit").isFalse();
    }

    @Test
    void refusesMalformedSettings() {
        for (String bad : List.of("after", "after:0", "during:2", "before:x", ":3")) {
            System.setProperty(CrashSwitch.AT, bad);
            System.setProperty(CrashSwitch.PREFIX, "p");
            try {
                assertThatThrownBy(CrashSwitch::fromSystemProperties).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(bad.isEmpty() ? CrashSwitch.AT : "'" + bad + "'");
            } finally {
                System.clearProperty(CrashSwitch.AT);
                System.clearProperty(CrashSwitch.PREFIX);
            }
        }
        System.setProperty(CrashSwitch.AT, "after:1");
        try {
            assertThatThrownBy(CrashSwitch::fromSystemProperties).hasMessageContaining(CrashSwitch.PREFIX);
        } finally {
            System.clearProperty(CrashSwitch.AT);
        }
        assertThat(CrashSwitch.fromSystemProperties().enabled()).isFalse();
    }

    @Test
    void haltsAfterTheSecondWatchedCheckpointAndTheRestartFinishesWithEachStepOnce() throws Exception {
        crashAndRecover("after", 2);
    }

    @Test
    void haltsBeforeTheThirdWatchedCheckpointAndTheRestartFinishesWithEachStepOnce() throws Exception {
        crashAndRecover("before", 3);
    }

    private void crashAndRecover(String point, int call) throws Exception {
        Path data = dir.resolve("data");
        Path report = dir.resolve("crash-report.txt");
        Process first = start(data, 1, List.of("-D" + CrashSwitch.AT + "=" + point + ":" + call,
                "-D" + CrashSwitch.PREFIX + "=watched-", "-D" + CrashSwitch.REPORT + "=" + report));
        URI endpoint = endpoint(1);
        try (LambdaClient client = client(endpoint)) {
            // An execution outside the prefix runs to the end: its checkpoints are not counted.
            String other = client.invoke(b -> b.functionName("StepsFunction:live").durableExecutionName("other-1")
                    .payload(SdkBytes.fromUtf8String("{\"steps\":4}"))).payload().asUtf8String();
            assertThat(other).isEqualTo("10");
            assertThat(first.isAlive()).isTrue();
            client.invoke(b -> b.functionName("StepsFunction:live").durableExecutionName("watched-1")
                    .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{\"steps\":4}")));
        }
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("the switch halted the service").isTrue();
        assertThat(first.exitValue()).isEqualTo(137);
        assertThat(Files.readString(report, StandardCharsets.UTF_8)).startsWith(point + " " + call + " watched-1 ");

        start(data, 2, List.of());
        try (LambdaClient client = client(endpoint(2))) {
            String arn = client.listDurableExecutionsByFunction(b -> b.functionName("StepsFunction")
                    .durableExecutionName("watched-1")).durableExecutions().get(0).durableExecutionArn();
            LocalLambdaTestSupport.await("the execution to finish after the restart", Duration.ofSeconds(60),
                    () -> client.getDurableExecution(b -> b.durableExecutionArn(arn)).status() != ExecutionStatus.RUNNING);
            assertThat(client.getDurableExecution(b -> b.durableExecutionArn(arn)).result()).isEqualTo("10");
            List<Event> events = history(client, arn, true);
            for (int i = 1; i <= 4; i++) {
                String name = "step" + i;
                assertThat(events.stream().filter(e -> e.eventType() == EventType.STEP_SUCCEEDED && name.equals(e.name())))
                        .as(name + " stored once").hasSize(1);
            }
            // the invocation cut by the halt leaves no InvocationCompleted; the resumed one does
            assertThat(events.stream().filter(e -> e.eventType() == EventType.INVOCATION_COMPLETED)).hasSize(1);
        }
    }

    private Process start(Path data, int life, List<String> jvmOptions) throws Exception {
        Path log = dir.resolve("service-" + life + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--template", testTemplate().toString(), "--port", "0", "--data-dir", data.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        LocalLambdaTestSupport.await("service life " + life + " to listen", Duration.ofSeconds(60),
                () -> endpointOrNull(life) != null || !p.isAlive());
        assertThat(p.isAlive()).as("service life %d started: %s", life, Files.readString(log)).isTrue();
        return p;
    }

    private URI endpoint(int life) {
        return endpointOrNull(life);
    }

    private URI endpointOrNull(int life) {
        try {
            Matcher m = LISTENING.matcher(Files.readString(dir.resolve("service-" + life + ".log"), StandardCharsets.UTF_8));
            return m.find() ? URI.create(m.group(1)) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
