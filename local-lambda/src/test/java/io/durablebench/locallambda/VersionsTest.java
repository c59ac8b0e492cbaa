package io.durablebench.locallambda;

import static io.durablebench.locallambda.LocalLambdaTestSupport.JSON;
import static io.durablebench.locallambda.LocalLambdaTestSupport.await;
import static io.durablebench.locallambda.LocalLambdaTestSupport.awaitEnd;
import static io.durablebench.locallambda.LocalLambdaTestSupport.callbackIdOf;
import static io.durablebench.locallambda.LocalLambdaTestSupport.history;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.durablebench.locallambda.function.FunctionCode;
import io.durablebench.locallambda.testfn.VersionedCallbackHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Versions and aliases through the stock SDK (PublishVersion, ListVersionsByFunction, CreateAlias,
 * GetAlias, UpdateAlias, ListAliases), each version running its own code, and durable executions
 * pinned to the version they started on, across a restart.
 */
class VersionsTest {
    static final String ECHO = "VersionedEchoFunction";
    static final String DURABLE = "VersionedFunction";

    private static String invoke(LambdaClient client, String function) {
        return client.invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String("{}"))).payload()
                .asUtf8String();
    }

    /**
     * A second class under the name of the template's handler, compiled here: version 2 of the
     * function is this class path, so the same class name means different code per version.
     */
    static Path compiledSecondVersion(Path dir) throws Exception {
        Path src = dir.resolve("src/io/durablebench/locallambda/testfn/VersionedEchoHandler.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package io.durablebench.locallambda.testfn;
                public class VersionedEchoHandler implements com.amazonaws.services.lambda.runtime.RequestStreamHandler {
                    @Override
                    public void handleRequest(java.io.InputStream in, java.io.OutputStream out,
                                              com.amazonaws.services.lambda.runtime.Context context) throws java.io.IOException {
                        out.write(("{\\"code\\":\\"compiled-v2\\",\\"version\\":\\"" + context.getFunctionVersion() + "\\"}")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
                """, StandardCharsets.UTF_8);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.toString());
        assertThat(rc).as("javac").isZero();
        return classes;
    }

    @Test
    void versionsAndAliasesThroughTheSdkEachVersionRunningItsOwnCode(@TempDir Path dir) throws Exception {
        Path v2 = compiledSecondVersion(dir);
        try (LocalLambda lambda = LocalLambda.start(LocalLambdaTestSupport.config().port(0).build());
             LambdaClient client = LocalLambdaTestSupport.client(lambda.endpoint())) {
            List<FunctionConfiguration> versions = client.listVersionsByFunction(b -> b.functionName(ECHO)).versions();
            assertThat(versions).extracting(FunctionConfiguration::version).containsExactly("$LATEST", "1");
            var live = client.getAlias(b -> b.functionName(ECHO).name("live"));
            assertThat(live.functionVersion()).isEqualTo("1");
            assertThat(live.aliasArn()).endsWith(":function:" + ECHO + ":live");
            assertThat(client.publishVersion(b -> b.functionName(ECHO)).version())
                    .as("nothing changed since version 1: nothing new is published").isEqualTo("1");

            lambda.updateFunctionCode(ECHO, FunctionCode.classPath(v2.toString()));
            assertThat(json(invoke(client, ECHO)).get("code").asText()).as("$LATEST runs the new code")
                    .isEqualTo("compiled-v2");
            assertThat(json(invoke(client, ECHO + ":live")).get("code").asText()).as("the alias still names version 1")
                    .isEqualTo("template");
            var published = client.publishVersion(b -> b.functionName(ECHO).description("second"));
            assertThat(published.version()).isEqualTo("2");
            assertThat(published.functionArn()).endsWith(":function:" + ECHO + ":2");
            assertThat(published.codeSha256()).isNotEqualTo(versions.get(1).codeSha256());
            assertThat(client.listVersionsByFunction(b -> b.functionName(ECHO)).versions())
                    .extracting(FunctionConfiguration::version).containsExactly("$LATEST", "1", "2");

            assertThatThrownBy(() -> client.updateAlias(b -> b.functionName(ECHO).name("live").functionVersion("2")
                    .revisionId("not-the-current-one"))).isInstanceOf(PreconditionFailedException.class);
            assertThat(client.getAlias(b -> b.functionName(ECHO).name("live")).functionVersion())
                    .as("a refused update changes nothing").isEqualTo("1");
            var moved = client.updateAlias(b -> b.functionName(ECHO).name("live").functionVersion("2")
                    .revisionId(live.revisionId()));
            assertThat(moved.functionVersion()).isEqualTo("2");
            assertThat(moved.revisionId()).isNotEqualTo(live.revisionId());
            JsonNode viaAlias = json(invoke(client, ECHO + ":live"));
            assertThat(viaAlias.get("code").asText()).isEqualTo("compiled-v2");
            assertThat(viaAlias.get("version").asText()).isEqualTo("2");
            assertThat(json(invoke(client, ECHO + ":1")).get("code").asText())
                    .as("version 1 keeps its code, in the same JVM").isEqualTo("template");

            client.createAlias(b -> b.functionName(ECHO).name("stable").functionVersion("1"));
            assertThat(client.listAliases(b -> b.functionName(ECHO)).aliases()).extracting(AliasConfiguration::name)
                    .containsExactly("live", "stable");
            assertThatThrownBy(() -> client.createAlias(b -> b.functionName(ECHO).name("stable").functionVersion("2")))
                    .isInstanceOf(ResourceConflictException.class);
            assertThatThrownBy(() -> client.updateAlias(b -> b.functionName(ECHO).name("live").functionVersion("7")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> client.getAlias(b -> b.functionName(ECHO).name("nope")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> invoke(client, ECHO + ":3")).isInstanceOf(ResourceNotFoundException.class);
        }
    }

    private static JsonNode json(String s) {
        return LocalLambdaTestSupport.json(s);
    }

    private static void awaitSuspended(LambdaClient client, String arn) throws InterruptedException {
        await("execution " + arn + " to suspend on its callback", Duration.ofSeconds(20), () -> {
            List<String> types = history(client, arn, false).stream().map(e -> e.eventTypeAsString()).toList();
            return types.contains("CallbackStarted") && types.lastIndexOf("InvocationCompleted")
                    > types.indexOf("CallbackStarted");
        });
    }

    private static String start(LambdaClient client, String qualified, String name) {
        return client.invoke(b -> b.functionName(qualified).invocationType(InvocationType.EVENT)
                .durableExecutionName(name).payload(SdkBytes.fromUtf8String("{}"))).durableExecutionArn();
    }

    @Test
    void aDurableExecutionFinishesOnTheVersionItStartedOnAcrossADeployAndARestart(@TempDir Path data)
            throws Exception {
        String first;
        String second;
        FunctionCode.Handlers v2;
        try (LocalLambda lambda = LocalLambda.start(LocalLambdaTestSupport.config().port(0).dataDir(data).build());
             LambdaClient client = LocalLambdaTestSupport.client(lambda.endpoint())) {
            Map<String, String> env = lambda.baseEnvironment(DURABLE);
            v2 = FunctionCode.handlers("versioned-v2", () -> {
                VersionedCallbackHandler handler = new VersionedCallbackHandler("v2");
                handler.useEnvironment(env);
                return handler;
            });
            first = start(client, DURABLE + ":live", "on-v1");
            assertThat(first).contains(":function:" + DURABLE + ":1/durable-execution/on-v1/");
            awaitSuspended(client, first);

            assertThat(lambda.deploy(DURABLE, v2).number()).isEqualTo("2");
            assertThat(client.getAlias(b -> b.functionName(DURABLE).name("live")).functionVersion()).isEqualTo("2");
            second = start(client, DURABLE + ":live", "on-v2");
            assertThat(second).contains(":function:" + DURABLE + ":2/durable-execution/on-v2/");
            awaitSuspended(client, second);
        }
        // a new run on the same data directory: the versions, the alias and the pinned executions come back
        try (LocalLambda lambda = LocalLambda.start(LocalLambdaTestSupport.config().port(0).dataDir(data).code(v2)
                .build());
             LambdaClient client = LocalLambdaTestSupport.client(lambda.endpoint())) {
            assertThat(client.getAlias(b -> b.functionName(DURABLE).name("live")).functionVersion()).isEqualTo("2");
            for (String arn : List.of(first, second)) {
                String id = callbackIdOf(client, arn);
                client.sendDurableExecutionCallbackSuccess(b -> b.callbackId(id).result(SdkBytes.fromUtf8String("\"ok\"")));
            }
            GetDurableExecutionResponse one = awaitEnd(client, first);
            GetDurableExecutionResponse two = awaitEnd(client, second);
            assertThat(one.statusAsString()).isEqualTo("SUCCEEDED");
            assertThat(JSON.readTree(one.result()).get("code").asText()).as("started on 1, finished on 1's code")
                    .isEqualTo("v1");
            assertThat(JSON.readTree(one.result()).get("version").asText()).isEqualTo("1");
            assertThat(JSON.readTree(two.result()).get("code").asText()).isEqualTo("v2");
            assertThat(one.version()).isEqualTo("1");
            assertThat(two.version()).isEqualTo("2");
        }
    }

    @Test
    void aDataDirectoryWhoseVersionsNeedHandlersNotGivenIsRefusedNamingThem(@TempDir Path data) {
        try (LocalLambda lambda = LocalLambda.start(LocalLambdaTestSupport.config().port(0).dataDir(data).build())) {
            lambda.deploy(DURABLE, FunctionCode.handlers("made-in-code", () -> new VersionedCallbackHandler("x")));
        }
        assertThatThrownBy(() -> LocalLambda.start(LocalLambdaTestSupport.config().port(0).dataDir(data).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("VersionedFunction $LATEST runs handlers 'made-in-code' made in code")
                .hasMessageContaining("LocalLambdaConfig.Builder.code");
    }
}
