package io.durablebench.locallambda.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durablebench.locallambda.durable.model.ErrorObject;
import io.durablebench.locallambda.durable.model.OperationStatus;
import io.durablebench.locallambda.error.ErrorType;
import io.durablebench.locallambda.error.LambdaApiException;
import io.durablebench.locallambda.function.FunctionTarget;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Completing callbacks by id: success wakes the execution, a second completion is refused. */
class CallbackApiTest {
    @RegisterExtension
    final ServiceFixture f = new ServiceFixture();

    private static FunctionTarget awaitingCallback(ServiceFixture f, String name) {
        return f.startsThenReports(name, ServiceFixture.callbackStart("cb", null, null),
                op -> op.status() + ":" + (op.result() != null ? op.result() : op.error().errorMessage()));
    }

    private static String callbackId(ServiceFixture f, String arn) throws InterruptedException {
        ServiceFixture.await("the callback id", () -> f.execution(arn).op("cb") != null
                && f.execution(arn).invocation == null);
        return f.execution(arn).op("cb").callbackId();
    }

    @Test
    void successCompletesTheCallbackAndWakesTheExecution() throws Exception {
        String arn = f.service.start(awaitingCallback(f, "cb1"), null, null).arn();
        String id = callbackId(f, arn);
        f.service.callbackHeartbeat(id);
        f.service.callbackSuccess(id, "\"approved\"".getBytes(StandardCharsets.UTF_8));
        assertThat(f.awaitClosed(arn).result()).isEqualTo("SUCCEEDED:\"approved\"");
        assertThatThrownBy(() -> f.service.callbackSuccess(id, new byte[0]))
                .isInstanceOfSatisfying(LambdaApiException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.CallbackTimeoutException));
        assertThatThrownBy(() -> f.service.callbackHeartbeat(id))
                .isInstanceOfSatisfying(LambdaApiException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.CallbackTimeoutException));
    }

    @Test
    void failureCarriesTheCallersError() throws Exception {
        String arn = f.service.start(awaitingCallback(f, "cb2"), null, null).arn();
        f.service.callbackFailure(callbackId(f, arn), ErrorObject.of("Rejected", "no budget"));
        assertThat(f.awaitClosed(arn).result()).isEqualTo("FAILED:no budget");
        assertThat(f.execution(arn).op("cb").status()).isEqualTo(OperationStatus.FAILED);
    }

    @Test
    void malformedAndUnknownIdsAreRefusedWithoutTouchingAnything() throws Exception {
        assertThatThrownBy(() -> f.service.callbackSuccess("not base64!", null))
                .hasMessage("CallbackId is not a valid callback id");
        String unknown = Tokens.callbackId("arn:aws:lambda:us-east-1:000000000000:function:x:$LATEST"
                + "/durable-execution/n/1", "op");
        assertThatThrownBy(() -> f.service.callbackSuccess(unknown, null))
                .isInstanceOfSatisfying(LambdaApiException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.ResourceNotFoundException));
        String arn = f.service.start(awaitingCallback(f, "cb3"), null, null).arn();
        callbackId(f, arn);
        assertThatThrownBy(() -> f.service.callbackSuccess(Tokens.callbackId(arn, "other"), null))
                .isInstanceOfSatisfying(LambdaApiException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.ResourceNotFoundException));
        assertThat(f.execution(arn).op("cb").status()).isEqualTo(OperationStatus.STARTED);
    }
}
