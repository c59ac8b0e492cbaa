package io.durablebench.locallambda;

import static io.durablebench.locallambda.LocalLambdaTestSupport.client;
import static io.durablebench.locallambda.LocalLambdaTestSupport.fastRetries;
import static io.durablebench.locallambda.LocalLambdaTestSupport.history;
import static io.durablebench.locallambda.LocalLambdaTestSupport.json;
import static io.durablebench.locallambda.LocalLambdaTestSupport.processTemplate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.locallambda.runtime.EnvironmentStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Functions in execution environments of their own: child processes started through AWS's runtime
 * interface clients (Java: aws-lambda-java-runtime-interface-client; Python: awslambdaric) against
 * the service's Lambda Runtime API.
 */
class OwnProcessesTest extends SharedLambdaTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        start(LocalLambdaConfig.builder(processTemplate()).durableOptions(fastRetries())
                .dataDir(dir.resolve("data")).hosting(LocalLambdaConfig.Hosting.OWN_PROCESSES)
                .python(LocalLambdaTestSupport.toolsPython().toString()).environment("EXTRA_SETTING", "from-embedder")
                .environmentsPerFunction(2).environmentIdleTimeout(Duration.ofSeconds(4)).build());
    }

    private static JsonNode call(String function, String payload) {
        InvokeResponse r = client.invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        return json(r.payload().asUtf8String());
    }

    /** Invokes {@code function}, which must fail unhandled; returns its error document (errorType, errorMessage). */
    private static JsonNode unhandledError(String function, String payload) {
        InvokeResponse r = client.invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isEqualTo("Unhandled");
        return json(r.payload().asUtf8String());
    }

    private static EnvironmentStats stats(String function) {
        return lambda.environments().stream().filter(s -> s.function().equals(function)).findFirst().orElseThrow();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void twoFunctionsReadTheirOwnTemplateEnvironmentThroughGetenvInProcessesOfTheirOwn() {
        JsonNode one = call("EnvOneFunction", "{}");
        JsonNode two = call("EnvTwoFunction", "{}");
        assertThat(one.get("setting").asText()).isEqualTo("one");
        assertThat(two.get("setting").asText()).isEqualTo("two");
        assertThat(one.get("greeting").asText()).isEqualTo("hello");
        assertThat(one.get("extra").asText()).isEqualTo("from-embedder");
        assertThat(one.get("functionNameEnv").asText()).isEqualTo("EnvOneFunction");
        assertThat(one.get("functionName").asText()).isEqualTo("EnvOneFunction");
        assertThat(one.get("remainingMillis").asLong()).isBetween(1L, 30_000L);
        long self = ProcessHandle.current().pid();
        assertThat(one.get("pid").asLong()).isNotEqualTo(self).isNotEqualTo(two.get("pid").asLong());
    }

    @Test
    void aPythonFunctionRunsThroughAwslambdaric() {
        JsonNode r = call("PythonEnvFunction", "{}");
        assertThat(r.get("setting").asText()).isEqualTo("snake");
        assertThat(r.get("functionName").asText()).isEqualTo("PythonEnvFunction");
        assertThat(r.get("pid").asLong()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(stats("PythonEnvFunction").coldStartMillis()).isNotEmpty().allSatisfy(ms -> assertThat(ms).isPositive());
    }

    @Test
    void aWarmEnvironmentIsReusedAndAnIdleOneIsReaped() throws Exception {
        long first = call("ReuseFunction", "{}").get("pid").asLong();
        long second = call("ReuseFunction", "{}").get("pid").asLong();
        assertThat(second).as("the warm environment served again").isEqualTo(first);
        EnvironmentStats s = stats("ReuseFunction");
        assertThat(s.started()).isEqualTo(1);
        assertThat(s.coldStartMillis()).hasSize(1);
        LocalLambdaTestSupport.await("the idle environment to be reaped", Duration.ofSeconds(30),
                () -> stats("ReuseFunction").reaped() >= 1 && !alive(first));
        long third = call("ReuseFunction", "{}").get("pid").asLong();
        assertThat(third).as("a cold start after the reaping").isNotEqualTo(first);
        assertThat(stats("ReuseFunction").started()).isEqualTo(2);
    }

    @Test
    void concurrentInvocationsGetEnvironmentsUpToTheLimitThenTooManyRequests() throws Exception {
        List<String> outcomes = LocalLambdaTestSupport.concurrently(3, () -> {
            try {
                return "pid " + call("EnvTwoFunction", "{\"sleepMillis\":4000}").get("pid").asText();
            } catch (TooManyRequestsException e) {
                return "429";
            }
        });
        assertThat(outcomes).filteredOn(o -> o.equals("429")).hasSize(1);
        assertThat(outcomes.stream().filter(o -> o.startsWith("pid")).distinct()).as("one environment each")
                .hasSize(2);
    }

    @Test
    void theEnvironmentsDocumentListsEachFunctionsEnvironmentsWithItsMembersInOrder() throws Exception {
        call("EnvOneFunction", "{}");
        JsonNode entry = null;
        for (JsonNode f : LocalApiClient.get(lambda.endpoint(), "/local/environments").get("Functions")) {
            if (f.get("FunctionName").asText().equals("EnvOneFunction")) {
                entry = f;
            }
        }
        assertThat(entry).as("EnvOneFunction's entry").isNotNull();
        List<String> names = new java.util.ArrayList<>();
        entry.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("FunctionName", "Environments", "Idle", "Started", "Reaped", "Died",
                "ColdStartMillis", "Pids");
        assertThat(entry.get("Started").asInt()).isEqualTo(stats("EnvOneFunction").started());
        assertThat(entry.get("Pids").isArray()).isTrue();
    }

    @Test
    void aProcessThatExitsMidInvocationIsRuntimeExitErrorAndTheServiceKeepsServing() {
        JsonNode error = unhandledError("EnvOneFunction", "{\"exit\":3}");
        assertThat(error.get("errorType").asText()).isEqualTo("Runtime.ExitError");
        assertThat(error.get("errorMessage").asText()).contains("exit status 3");
        assertThat(call("EnvOneFunction", "{}").get("setting").asText()).isEqualTo("one");
    }

    @Test
    void aDurableHandlerCallingSystemExitIsReinvokedAndSucceeds() throws Exception {
        InvokeResponse r = client.invoke(b -> b.functionName("ExitOnceFunction:$LATEST")
                .payload(SdkBytes.fromUtf8String("{}")));
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        assertThat(r.payload().asUtf8String()).isEqualTo("\"survived; first step SUCCEEDED\"");
        String arn = r.durableExecutionArn();
        assertThat(client.getDurableExecution(b -> b.durableExecutionArn(arn)).status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        List<Event> completed = history(client, arn, true).stream()
                .filter(e -> e.eventType() == EventType.INVOCATION_COMPLETED).toList();
        assertThat(completed).hasSize(2);
        assertThat(completed.get(0).invocationCompletedDetails().error().payload().errorType())
                .isEqualTo("Runtime.ExitError");
        assertThat(completed.get(1).invocationCompletedDetails().error()).isNull();
        assertThat(call("EnvOneFunction", "{}").get("setting").asText()).isEqualTo("one");
    }

    @Test
    void aFailedInitIsRuntimeInitError() {
        JsonNode error = unhandledError("InitFailureFunction", "{}");
        assertThat(error.get("errorType").asText()).isEqualTo("Runtime.InitError");
        assertThat(error.get("errorMessage").asText()).contains("InitFailureHandler");
        assertThat(stats("InitFailureFunction").environments()).isZero();
    }

    @Test
    void anInvocationPastItsTimeoutIsSandboxTimedoutAndItsEnvironmentEnded() throws Exception {
        long pid = call("ShortFunction", "{}").get("pid").asLong();
        InvokeResponse r = client.invoke(b -> b.functionName("ShortFunction")
                .payload(SdkBytes.fromUtf8String("{\"sleepMillis\":10000}")));
        assertThat(json(r.payload().asUtf8String()).get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        LocalLambdaTestSupport.await("the timed-out environment to end", Duration.ofSeconds(10), () -> !alive(pid));
    }

    /** A version is a code location: version 2's class path shadows the template's class of the same name. */
    @Test
    void eachVersionRunsItsOwnCodeInEnvironmentsOfItsOwn() throws Exception {
        Path v2 = VersionsTest.compiledSecondVersion(dir.resolve("v2"));
        lambda.updateFunctionCode("VersionedEchoFunction", io.durablebench.locallambda.function.FunctionCode
                .classPath(v2.toString()));
        assertThat(lambda.publishVersion("VersionedEchoFunction", null).number()).isEqualTo("2");
        JsonNode one = call("VersionedEchoFunction:1", "{}");
        JsonNode two = call("VersionedEchoFunction:2", "{}");
        assertThat(one.get("code").asText()).isEqualTo("template");
        assertThat(two.get("code").asText()).isEqualTo("compiled-v2");
        assertThat(two.get("version").asText()).isEqualTo("2");
        assertThat(call("VersionedEchoFunction:live", "{}").get("code").asText()).as("the alias was not moved")
                .isEqualTo("template");
    }
}
