package io.durablebench.locallambda.function;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** The Lambda {@link Context} a locally hosted handler receives. */
record LocalContext(String requestId, FunctionTarget target, long deadlineMillis, Clock clock, LambdaLogger logger)
        implements Context {
    /** The context of invocation {@code requestId}; its logger prefixes each line with the function and the request. */
    static LocalContext of(String requestId, FunctionTarget target, long deadlineMillis, Clock clock) {
        String prefix = "[" + target.function().name() + " " + requestId + "] ";
        return new LocalContext(requestId, target, deadlineMillis, clock, new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.println(prefix + message);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        });
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + target.function().name();
    }

    @Override
    public String getLogStreamName() {
        return "local/" + target.version();
    }

    @Override
    public String getFunctionName() {
        return target.function().name();
    }

    @Override
    public String getFunctionVersion() {
        return target.version();
    }

    @Override
    public String getInvokedFunctionArn() {
        return target.invokedArn();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - clock.millis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return target.function().definition().memoryMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
