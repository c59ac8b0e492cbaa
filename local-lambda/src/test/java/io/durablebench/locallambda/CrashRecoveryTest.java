package io.durablebench.locallambda;

import static io.durablebench.locallambda.LocalLambdaTestSupport.client;
import static io.durablebench.locallambda.LocalLambdaTestSupport.history;
import static io.durablebench.locallambda.LocalLambdaTestSupport.testTemplate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * The service as its own JVM, killed with SIGKILL at random moments while a 20-step workflow runs,
 * and restarted on the same data directory each time. The execution must end with the right
 * result, and no step whose completion the service acknowledged may run again.
 *
 * <p>How "ran again" is observed: every step attempt writes {@code run <step> <nonce>} to a file
 * before it works and checkpoints its result with that nonce. The service stores exactly one
 * result per step; if that result's nonce is not the step's last {@code run} line, an attempt ran
 * after the service had acknowledged the step.
 */
class CrashRecoveryTest {
    private static final int STEPS = 20;
    private static final int KILLS = 10;
    /** Kills of the variant with the function in environments of its own (each kill also orphans one). */
    private static final int KILLS_OWN_PROCESSES = 4;
    private static final Pattern LISTENING = Pattern.compile("local-lambda listening on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    private record Service(Process process, URI endpoint) {
    }

    @org.junit.jupiter.api.AfterEach
    void killStarted() {
        started.forEach(Process::destroyForcibly);
    }

    private Service startService(Path data, Path sideEffects, int life, List<String> options) throws Exception {
        Path log = dir.resolve("service-" + life + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--template", testTemplate().toString(), "--port", "0", "--data-dir", data.toString(),
                "--env", "SIDE_EFFECT_FILE=" + sideEffects));
        cmd.addAll(options);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        started.add(p);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (m.find()) {
                    return new Service(p, URI.create(m.group(1)));
                }
            }
            if (!p.isAlive()) {
                throw new AssertionError("service exited: " + Files.readString(log));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("service did not start: " + Files.readString(log));
    }

    @Test
    void anExecutionSurvivesTenKillsWithNoAcknowledgedStepRunAgain() throws Exception {
        survive(KILLS, List.of());
    }

    /**
     * The same with the function in execution environments of its own: SIGKILL of the service
     * leaves the environment running (an orphan mid-step); the next start ends it by its recorded
     * process id before serving, and nothing the service acknowledged is lost or run again.
     */
    @Test
    void anExecutionInItsOwnProcessSurvivesKillsAndTheOrphanedEnvironmentsAreEnded() throws Exception {
        survive(KILLS_OWN_PROCESSES, List.of("--hosting", "own-processes"));
    }

    /**
     * An environment busy when the service is killed lives on (nothing ends a killed parent's
     * children); the next start on the same data directory ends it by its recorded process id.
     */
    @Test
    void environmentsLeftRunningByAKilledServiceAreEndedByTheirRecordedIdsOnRestart() throws Exception {
        Path data = dir.resolve("orphans");
        List<String> options = List.of("--hosting", "own-processes");
        Service first = startService(data, dir.resolve("unused.log"), 100, options);
        try (LambdaClient client = client(first.endpoint())) {
            client.invoke(b -> b.functionName("EchoFunction").invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{\"sleepMillis\":120000}")));
        }
        List<Long> pids = new ArrayList<>();
        LocalLambdaTestSupport.await("the environment to start", Duration.ofSeconds(60), () -> {
            try {
                pids.clear();
                pids.addAll(environmentPids(first.endpoint()));
                return !pids.isEmpty();
            } catch (Exception e) {
                return false;
            }
        });
        first.process().destroyForcibly();
        first.process().waitFor();
        long orphan = pids.get(0);
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false))
                .as("the busy environment outlives the killed service").isTrue();
        startService(data, dir.resolve("unused.log"), 101, options);
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Files.readString(dir.resolve("service-101.log")))
                .contains("ended 1 execution environment(s) left by an earlier run: [" + orphan + "]");
    }

    private void survive(int kills, List<String> options) throws Exception {
        boolean ownProcesses = !options.isEmpty();
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("crash test seed " + seed + " (rerun with -Dcrash.seed=" + seed + ")");
        Random random = new Random(seed);
        Path data = dir.resolve("data");
        Path sideEffects = dir.resolve("side-effects.log");
        String input = "{\"steps\":" + STEPS + ",\"workMillis\":150,\"base\":1000}";
        String arn = null;
        int killedMidStep = 0;
        try {
            Service service = startService(data, sideEffects, 0, options);
            for (int life = 1; life <= kills + 1; life++) {
                try (LambdaClient client = client(service.endpoint())) {
                    // Every life re-sends the start, as a client retrying would: the name makes it idempotent.
                    String a = client.invoke(b -> b.functionName("CrashWorkflowFunction:$LATEST")
                            .invocationType(InvocationType.EVENT).durableExecutionName("crash-run")
                            .payload(SdkBytes.fromUtf8String(input))).durableExecutionArn();
                    if (arn == null) {
                        arn = a;
                    }
                    assertThat(a).isEqualTo(arn);
                    if (life > kills) {
                        break;
                    }
                    // Kill at a random moment after this life's handler has begun a step (the first
                    // invocation of a fresh JVM takes a while; killing before it would test nothing).
                    int before = runLines(sideEffects);
                    String finalArn = arn;
                    LocalLambdaTestSupport.await("a step to start in life " + life, Duration.ofSeconds(60),
                            () -> runLines(sideEffects) > before);
                    if (random.nextBoolean()) {
                        Thread.sleep(random.nextInt(400));
                    } else {
                        // Right after a step's acknowledgement: the window where the service has the
                        // step's result and the handler has not yet moved on.
                        int acked = ackLines(sideEffects);
                        LocalLambdaTestSupport.await("an acknowledgement in life " + life, Duration.ofSeconds(60),
                                () -> ackLines(sideEffects) > acked);
                        Thread.sleep(random.nextInt(30));
                    }
                    List<String> lines = Files.readAllLines(sideEffects);
                    if (lines.get(lines.size() - 1).startsWith("run")) {
                        killedMidStep++;
                    }
                }
                List<Long> environments = ownProcesses ? environmentPids(service.endpoint()) : List.of();
                service.process().destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                service.process().waitFor();
                if (ownProcesses) {
                    assertThat(environments).as("the function ran in an environment of its own").isNotEmpty();
                }
                service = startService(data, sideEffects, life, options);
                for (long pid : environments) {
                    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                            .as("environment %d of the killed service, after the restart", pid).isFalse();
                }
            }
            try (LambdaClient client = client(service.endpoint())) {
                String finalArn = arn;
                LocalLambdaTestSupport.await("the execution to end", Duration.ofSeconds(90), () -> client
                        .getDurableExecution(b -> b.durableExecutionArn(finalArn)).status() != ExecutionStatus.RUNNING);
                GetDurableExecutionResponse e = client.getDurableExecution(b -> b.durableExecutionArn(finalArn));
                assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(e.result()).isEqualTo(Long.toString(1000 + STEPS * (STEPS + 1) / 2));
                System.out.println("crash test: " + killedMidStep + " of " + kills + " kills hit a step between its"
                        + " side effect and the acknowledgement of its checkpoint");

                Map<Integer, String> storedNonce = new HashMap<>();
                for (Event ev : history(client, arn, true)) {
                    if (ev.eventTypeAsString().equals("StepSucceeded")) {
                        int step = Integer.parseInt(ev.id().substring(2));
                        assertThat(storedNonce).as("one StepSucceeded per step").doesNotContainKey(step);
                        JsonNode result = LocalLambdaTestSupport.json(ev.stepSucceededDetails().result().payload());
                        storedNonce.put(step, result.get("nonce").asText());
                    }
                }
                assertThat(storedNonce).hasSize(STEPS);
                checkSideEffects(Files.readAllLines(sideEffects), storedNonce);
            }
        } finally {
            for (Process p : started) {
                p.destroyForcibly();
            }
        }
    }

    private static List<Long> environmentPids(URI endpoint) throws Exception {
        List<Long> pids = new ArrayList<>();
        for (JsonNode f : LocalApiClient.get(endpoint, "/local/environments").get("Functions")) {
            f.get("Pids").forEach(p -> pids.add(p.asLong()));
        }
        return pids;
    }

    private static int runLines(Path sideEffects) {
        return countLines(sideEffects, "run");
    }

    private static int ackLines(Path sideEffects) {
        return countLines(sideEffects, "ack");
    }

    private static int countLines(Path sideEffects, String kind) {
        try {
            return Files.exists(sideEffects)
                    ? (int) Files.readAllLines(sideEffects).stream().filter(l -> l.startsWith(kind)).count() : 0;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * For every step: its last attempt is the one whose result the service stored, and an
     * {@code ack} line (written after the service acknowledged) names only that attempt.
     */
    private static void checkSideEffects(List<String> lines, Map<Integer, String> storedNonce) {
        Map<Integer, String> lastRun = new HashMap<>();
        Map<Integer, Integer> acks = new HashMap<>();
        int runs = 0;
        for (String line : lines) {
            String[] f = line.split(" ");
            int step = Integer.parseInt(f[1]);
            if (f[0].equals("run")) {
                runs++;
                assertThat(acks.getOrDefault(step, 0)).as("a run of step " + step + " after its ack").isZero();
                lastRun.put(step, f[2]);
            } else {
                assertThat(f[2]).as("ack of step " + step).isEqualTo(storedNonce.get(step));
                acks.merge(step, 1, Integer::sum);
            }
        }
        for (int step = 1; step <= STEPS; step++) {
            assertThat(lastRun.get(step)).as("last run of step " + step + " is the stored one")
                    .isEqualTo(storedNonce.get(step));
            assertThat(acks.getOrDefault(step, 0)).as("acks of step " + step).isLessThanOrEqualTo(1);
        }
        System.out.println("crash test: " + runs + " step attempts for " + STEPS + " steps");
    }
}
