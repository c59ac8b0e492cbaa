package io.durablebench.locallambda.testfn;

import software.amazon.awssdk.services.lambda.model.CallbackOptions;
import software.amazon.awssdk.services.lambda.model.ChainedInvokeOptions;
import software.amazon.awssdk.services.lambda.model.ErrorObject;
import software.amazon.awssdk.services.lambda.model.OperationAction;
import software.amazon.awssdk.services.lambda.model.OperationType;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;
import software.amazon.awssdk.services.lambda.model.StepOptions;
import software.amazon.awssdk.services.lambda.model.WaitOptions;

/** Operation updates as the official SDKs send them. */
public final class Updates {
    private Updates() {
    }

    public static OperationUpdate stepStart(String id, String name) {
        return OperationUpdate.builder().id(id).name(name).type(OperationType.STEP).subType("Step")
                .action(OperationAction.START).build();
    }

    public static OperationUpdate stepSucceed(String id, String name, String payload) {
        return OperationUpdate.builder().id(id).name(name).type(OperationType.STEP).subType("Step")
                .action(OperationAction.SUCCEED).payload(payload).build();
    }

    public static OperationUpdate stepRetry(String id, String name, String errorType, String message, int delay) {
        return OperationUpdate.builder().id(id).name(name).type(OperationType.STEP).subType("Step")
                .action(OperationAction.RETRY)
                .error(ErrorObject.builder().errorType(errorType).errorMessage(message).build())
                .stepOptions(StepOptions.builder().nextAttemptDelaySeconds(delay).build()).build();
    }

    public static OperationUpdate waitStart(String id, String name, int seconds) {
        return OperationUpdate.builder().id(id).name(name).type(OperationType.WAIT).subType("Wait")
                .action(OperationAction.START).waitOptions(WaitOptions.builder().waitSeconds(seconds).build()).build();
    }

    public static OperationUpdate callbackStart(String id, String name, Integer timeout, Integer heartbeat) {
        return OperationUpdate.builder().id(id).name(name).type(OperationType.CALLBACK).subType("Callback")
                .action(OperationAction.START)
                .callbackOptions(CallbackOptions.builder().timeoutSeconds(timeout).heartbeatTimeoutSeconds(heartbeat)
                        .build()).build();
    }

    public static OperationUpdate invokeStart(String id, String name, String function, String payload) {
        return OperationUpdate.builder().id(id).name(name).type(OperationType.CHAINED_INVOKE).subType("ChainedInvoke")
                .action(OperationAction.START).payload(payload)
                .chainedInvokeOptions(ChainedInvokeOptions.builder().functionName(function).build()).build();
    }
}
