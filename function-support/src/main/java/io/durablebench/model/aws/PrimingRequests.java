package io.durablebench.model.aws;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Priming requests: a real SDK call through a function's own client (request built, marshalled,
 * endpoint resolved, signed) that is stopped just before it would be sent, so a SnapStart snapshot
 * holds the classes and caches of the call path without calling AWS. A request is one when its
 * override configuration is {@link #marked()}; every client {@link AwsClients} builds stops those.
 */
public final class PrimingRequests {
    /** Set on a priming request. */
    public static final ExecutionAttribute<Boolean> PRIMING = new ExecutionAttribute<>("durablebench.priming");

    private PrimingRequests() {
    }

    /** The override configuration that makes a request a priming one. */
    public static AwsRequestOverrideConfiguration marked() {
        return AwsRequestOverrideConfiguration.builder().putExecutionAttribute(PRIMING, Boolean.TRUE).build();
    }

    /**
     * Runs a marked call and swallows its stop; anything else it throws is thrown.
     *
     * @throws IllegalStateException the call was not stopped (not marked, or the client lacks {@link StopBeforeSending})
     */
    public static void run(Runnable markedCall) {
        try {
            markedCall.run();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof Stopped) {
                    return;
                }
            }
            throw e;
        }
        throw new IllegalStateException("a priming request was sent: it was not marked, or its client does not stop "
                + "priming requests (build it with AwsClients)");
    }

    /** Whether a request is a priming one (for interceptors that should not count it). */
    public static boolean isPriming(ExecutionAttributes attributes) {
        return Boolean.TRUE.equals(attributes.getAttribute(PRIMING));
    }

    /** The interceptor that stops marked requests once they are ready to go on the wire. */
    static final class StopBeforeSending implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (isPriming(attributes)) {
                throw new Stopped();
            }
        }
    }

    /** Thrown to stop a priming request; never leaves {@link #run}. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("priming request stopped before sending", null, false, false);
        }
    }
}
