package io.durablebench.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness against a real fresh JVM under AWS's runtime interface client, with a handler from
 * this module's test classes as the "package".
 */
class FreshRuntimeTest {
    private static final Path TASK_ROOT = Path.of("target", "test-classes").toAbsolutePath();
    private static final Path RUNTIME_LIB = Path.of("target", "runtime-lib").toAbsolutePath();
    private static final String HANDLER = "io.durablebench.coldstart.fixture.EchoHandler::handleRequest";

    private static FreshRuntime.Launch launch(Map<String, String> env) {
        return new FreshRuntime.Launch(TASK_ROOT, HANDLER, env, List.of("-XX:+UseSerialGC", "-Xshare:auto"), RUNTIME_LIB,
                false);
    }

    private static RuntimeApiServer.Event event(String json) {
        return new RuntimeApiServer.Event(json.getBytes(StandardCharsets.UTF_8), "req-1",
                System.currentTimeMillis() + 60_000, "arn:aws:lambda:us-east-1:000000000000:function:Echo");
    }

    @Test
    void theFirstInvocationGetsTheEventAndItsHeadersAndTheAnswerComesBack() {
        FreshRuntime.Measurement m = FreshRuntime.run(launch(Map.of()), event("{\"n\":1}"), Duration.ofSeconds(60));

        assertThat(m.answer().error()).isFalse();
        assertThat(m.answer().text()).isEqualTo("{\"event\":{\"n\":1},\"requestId\":\"req-1\",\"arn\":"
                + "\"arn:aws:lambda:us-east-1:000000000000:function:Echo\"}");
        assertThat(m.initMs()).isPositive();
        assertThat(m.firstInvokeMs()).isPositive();
        // a JVM loads some hundreds of classes before main; the invocation loads more of the runtime client's
        assertThat(m.classesAfterInit()).isGreaterThan(400);
        assertThat(m.classesAfterInvoke()).isGreaterThan(m.classesAfterInit());
    }

    @Test
    void aSnapStartInitRunsTheHandlersCracHooksBeforeTheRestoreAndTheAfterRestoreHooksBeforeTheFirstEvent(
            @TempDir Path task) throws Exception {
        // the "package": the fixture classes and org.crac in lib/, as sam build lays a function out
        try (Stream<Path> classes = Files.walk(TASK_ROOT)) {
            for (Path p : classes.toList()) {
                Path to = task.resolve(TASK_ROOT.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        Path crac = Path.of(org.crac.Core.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.createDirectories(task.resolve("lib"));
        Files.copy(crac, task.resolve("lib").resolve(crac.getFileName()));
        String handler = "io.durablebench.coldstart.fixture.HookedHandler::handleRequest";

        FreshRuntime.Measurement snap = FreshRuntime.run(new FreshRuntime.Launch(task, handler,
                Map.of("HOOK_SLEEP_MS", "1500"), List.of(), RUNTIME_LIB, true), event("{}"), Duration.ofSeconds(60));
        FreshRuntime.Measurement onDemand = FreshRuntime.run(new FreshRuntime.Launch(task, handler,
                Map.of("HOOK_SLEEP_MS", "1500"), List.of(), RUNTIME_LIB, false), event("{}"), Duration.ofSeconds(60));

        assertThat(snap.answer().text()).isEqualTo("{\"beforeCheckpoint\":1,\"afterRestore\":1}");
        assertThat(snap.initMs()).as("init includes the before-checkpoint hook").isGreaterThanOrEqualTo(1500);
        assertThat(onDemand.answer().text()).isEqualTo("{\"beforeCheckpoint\":0,\"afterRestore\":0}");
    }

    @Test
    void initCoversTheHandlersConstructor() {
        FreshRuntime.Measurement m = FreshRuntime.run(launch(Map.of("ECHO_INIT_SLEEP_MS", "1500")), event("{}"),
                Duration.ofSeconds(60));

        assertThat(m.initMs()).isGreaterThanOrEqualTo(1500);
    }

    @Test
    void aHandlerErrorIsReportedAsTheRuntimesError() {
        FreshRuntime.Measurement m = FreshRuntime.run(launch(Map.of()), event("\"fail\""), Duration.ofSeconds(60));

        assertThat(m.answer().error()).isTrue();
        assertThat(m.answer().text()).contains("asked to fail");
    }

    @Test
    void aHandlerThatCannotBeLoadedIsTheFirstInvocationsErrorNamingIt() {
        // the runtime interface client reports a handler it cannot load as the error of the invocation
        FreshRuntime.Launch missing = new FreshRuntime.Launch(TASK_ROOT, "io.durablebench.coldstart.fixture.Missing::handleRequest",
                Map.of(), List.of(), RUNTIME_LIB, false);

        FreshRuntime.Measurement m = FreshRuntime.run(missing, event("{}"), Duration.ofSeconds(60));

        assertThat(m.answer().error()).isTrue();
        assertThat(m.answer().text()).contains("io.durablebench.coldstart.fixture.Missing");
    }

    @Test
    void aRuntimeThatCannotStartFailsTheMeasurementWithItsOutput() {
        FreshRuntime.Launch broken = new FreshRuntime.Launch(TASK_ROOT, HANDLER, Map.of(), List.of("-Xmx1k"), RUNTIME_LIB,
                false);

        assertThatThrownBy(() -> FreshRuntime.run(broken, event("{}"), Duration.ofSeconds(60)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exited with");
    }
}
