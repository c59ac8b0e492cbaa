package io.durablebench.locallambda;

import org.junit.jupiter.api.AfterAll;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A test class that shares one service among its tests: its {@code @BeforeAll} calls {@link #start}
 * with the configuration it needs; the service and its client close after the class's last test.
 */
abstract class SharedLambdaTest {
    static LocalLambda lambda;
    static LambdaClient client;

    static void start(LocalLambdaConfig config) {
        lambda = LocalLambda.start(config);
        client = LocalLambdaTestSupport.client(lambda.endpoint());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (lambda != null) {
            lambda.close();
        }
        client = null;
        lambda = null;
    }
}
