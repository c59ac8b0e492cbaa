package io.durablebench.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the JFR pass charges a sample and names a thread. */
class HandlerProfileTest {
    @Test
    void aSampleIsInsideAnSdkCallIfAnyFrameIsTheSdksElseItsInnermostNonJdkFramesComponent() {
        assertThat(HandlerProfile.component(List.of("java.util.HashMap", "com.fasterxml.jackson.core.JsonGenerator",
                "software.amazon.awssdk.core.internal.Marshaller", "io.durablebench.durable.execution.InvocationRuntime")))
                .isEqualTo("inside an AWS SDK call");
        assertThat(HandlerProfile.component(List.of("java.util.HashMap", "com.fasterxml.jackson.databind.ObjectMapper",
                "io.durablebench.durable.execution.InvocationRuntime"))).isEqualTo("JSON (Jackson)");
        assertThat(HandlerProfile.component(List.of("java.lang.Object", "io.durablebench.durable.execution.InvocationRuntime",
                "io.durablebench.counter.durable.CounterWorkflow"))).isEqualTo("durable runtime");
        assertThat(HandlerProfile.component(List.of("io.durablebench.counter.baseline.CounterLedger")))
                .isEqualTo("counter function code");
        assertThat(HandlerProfile.component(List.of("sun.net.httpserver.ServerImpl", "io.durablebench.local.lambda.X")))
                .isEqualTo("local Lambda (hosting, not the function)");
        assertThat(HandlerProfile.component(List.of("java.lang.Thread"))).isEqualTo("JDK only (threads, locks, collections)");
    }

    @Test
    void threadsAreNamedForWhatTheyDo() {
        assertThat(HandlerProfile.threadRole("durable-checkpoint")).isEqualTo("checkpoint sender thread");
        assertThat(HandlerProfile.threadRole("durable-1")).isEqualTo("durable user-code thread");
        assertThat(HandlerProfile.threadRole("local-lambda-handler-2")).isEqualTo("handler thread");
    }
}
