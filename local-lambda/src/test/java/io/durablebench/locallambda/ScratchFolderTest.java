package io.durablebench.locallambda;

import static io.durablebench.locallambda.LocalLambdaTestSupport.processTemplate;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Without a data directory, the task roots of functions in processes of their own live in a folder
 * under the JVM's temporary directory; closing the service removes it (each test run used to leave
 * one behind).
 */
class ScratchFolderTest {
    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    private static Set<Path> taskFolders() throws IOException {
        try (Stream<Path> s = Files.list(TMP)) {
            return new HashSet<>(s.filter(p -> p.getFileName().toString().startsWith("local-lambda-task")).toList());
        }
    }

    @Test
    void theTaskRootsFolderIsGoneAfterClose() throws Exception {
        Set<Path> before = taskFolders();
        try (LocalLambda lambda = LocalLambda.start(LocalLambdaConfig.builder(processTemplate())
                .hosting(LocalLambdaConfig.Hosting.OWN_PROCESSES).build());
             LambdaClient client = LocalLambdaTestSupport.client(lambda.endpoint())) {
            InvokeResponse r = client.invoke(b -> b.functionName("EnvOneFunction").payload(SdkBytes.fromUtf8String("{}")));
            assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
            Set<Path> during = taskFolders();
            during.removeAll(before);
            assertThat(during).as("the running service's task roots folder").hasSize(1);
        }
        assertThat(taskFolders()).as("task roots folders after close").isEqualTo(before);
    }
}
